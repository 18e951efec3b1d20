import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, toHalfWidth } from '../../../src/dialogs/answers/normalize.ts';
import { anyText, toFullWidth } from './arbitraries.ts';

describe('toHalfWidth', () => {
  it.each([
    ['１３８１２３４５６７８', '13812345678'],
    ['ＡＢＣｘｙｚ', 'ABCxyz'],
    ['，：（）－＋', ',:()-+'],
    ['３栋２单元５０２', '3栋2单元502'],
    ['张三　１３８', '张三 138'],
    ['2022。12。1', '2022.12.1'],
  ])('%s → %s', (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });

  it('keeps the length, so that finders can report indices into the original text', () => {
    fc.assert(fc.property(anyText, (text) => toHalfWidth(text).length === text.length));
  });

  it('undoes full-width typing of any ASCII text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii' }), (text) => toHalfWidth(toFullWidth(text)) === toHalfWidth(text)));
  });
});

describe('normalize', () => {
  it.each([
    ['  张三  ', '张三'],
    ['138  1234\t5678', '138 1234 5678'],
    ['\u200b13812345678\ufeff', '13812345678'],
    ['３栋　２单元　５０２室', '3栋 2单元 502室'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it('is idempotent and leaves no outer or double white space', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = normalize(text);
        return normalize(once) === once && once === once.trim() && !/\s{2}/.test(once);
      }),
    );
  });
});
