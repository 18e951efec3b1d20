import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChineseNumber, parseNumberWord } from '../../../src/dialogs/answers/chinese-numerals.ts';
import { anyText, chineseNumeral } from './arbitraries.ts';

describe('parseChineseNumber', () => {
  it.each([
    ['零', 0],
    ['三', 3],
    ['两', 2],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['二十一', 21],
    ['三十一', 31],
    ['一百零五', 105],
    ['两百', 200],
    ['一千零一十', 1010],
    ['二〇二二', 2022],
    ['五零二', 502],
  ])('%s → %i', (input, expected) => {
    expect(parseChineseNumber(input)).toBe(expected);
  });

  it.each(['', '十十', '百十', '三三十', 'abc', '三a', '零十'])('refuses %j', (input) => {
    expect(parseChineseNumber(input)).toBeNull();
  });

  it('reads back every number below 10 000 written in Chinese numerals', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 9999 }), (value) => parseChineseNumber(chineseNumeral(value)) === value));
  });

  it('never throws', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const value = parseChineseNumber(text);
        return value === null || Number.isInteger(value);
      }),
    );
  });
});

describe('parseNumberWord', () => {
  it('reads Arabic digits and Chinese numerals', () => {
    expect(parseNumberWord('15')).toBe(15);
    expect(parseNumberWord('十五')).toBe(15);
    expect(parseNumberWord('15号')).toBeNull();
  });
});
