import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readInteger } from '../../../src/dialogs/answers/integer.ts';
import { anyText, chineseNumeral, isWellFormed, toFullWidth } from './arbitraries.ts';

const DOSES = { min: 0, max: 4 };

describe('readInteger', () => {
  it.each([
    ['3', 3],
    ['３', 3],
    ['打了三针', 3],
    ['两针', 2],
    ['2次', 2],
    ['0', 0],
    ['零', 0],
    ['没打', 0],
    ['没有', 0],
    ['一针都没打', 0],
    ['none', 0],
    ['4', 4],
    ['打了 3 针', 3],
    ['3针，3月打的第三针', 3],
    ['一共打了三针', 3],
  ])('%j → %i', (input, expected) => {
    expect(readInteger(input, DOSES)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'answer.empty'],
    ['不记得', 'integer.unreadable'],
    ['2.5', 'integer.unreadable'],
    ['1或2', 'integer.unreadable'],
    ['5', 'integer.range'],
    ['十', 'integer.range'],
    ['-1', 'integer.range'],
    ['99999999999999999999', 'integer.unreadable'],
  ])('%j is refused with %s', (input, reason) => {
    expect(readInteger(input, DOSES)).toEqual({ ok: false, reason });
  });

  it('never throws', () => {
    fc.assert(fc.property(anyText, (text) => isWellFormed(readInteger(text, DOSES))));
  });

  it('reads back every number in range, in Arabic, full-width or Chinese numerals, with words around', () => {
    const writings = [(n: number) => String(n), (n: number) => toFullWidth(String(n)), (n: number) => chineseNumeral(n)];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(...writings), fc.constantFrom(['', ''], ['打了', '针'], ['共', '人']), (n, write, [before, after]) => {
        expect(readInteger(before + write(n) + after, { min: 0, max: 9999 })).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('refuses every number outside the range with integer.range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 100_000 }), (n) => {
        expect(readInteger(String(n), DOSES)).toEqual({ ok: false, reason: 'integer.range' });
      }),
    );
  });
});
