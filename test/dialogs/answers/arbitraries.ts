import fc from 'fast-check';
import { isReasonCode } from '../../../src/dialogs/answers/reasons.ts';
import type { AnswerResult } from '../../../src/dialogs/answers/result.ts';

// Characters that the readers treat specially, so that random texts reach past the first refusal.
const TRICKY = [
  ...'0123456789０１２３４５６７８９Xx+-./:：（）() \t　',
  ...'栋单元室号楼座幢层房里区期#',
  ...'年月日号天周星期前上本这去今昨个',
  ...'零〇一二两三四五六七八九十百千',
  ...'绿黄红是否不没有对好我叫姓名·',
  ...'ABCEHMabc',
];

/** Any text a person might send, and texts made of the characters the readers look for. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 40 }),
);

/** A result is well formed: a value, or a reason that has a message in the catalogue. */
export function isWellFormed<T>(result: AnswerResult<T>): boolean {
  return result.ok ? result.value !== undefined : isReasonCode(result.reason);
}

export const toFullWidth = (text: string): string =>
  text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));

const CHINESE_DIGITS = '零一二三四五六七八九';

/** A number below 10 000 written with Chinese numerals, as people write them (十五, not 一十五). */
export function chineseNumeral(value: number): string {
  if (value < 10) return CHINESE_DIGITS.charAt(value);
  const units: [number, string][] = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
  ];
  let out = '';
  let rest = value;
  let zeroPending = false;
  for (const [size, unit] of units) {
    const digit = Math.floor(rest / size);
    rest %= size;
    if (digit === 0) {
      zeroPending = out !== '';
      continue;
    }
    if (zeroPending) out += '零';
    zeroPending = false;
    out += value < 20 && size === 10 ? unit : CHINESE_DIGITS.charAt(digit) + unit;
  }
  if (rest > 0) out += (zeroPending ? '零' : '') + CHINESE_DIGITS.charAt(rest);
  return out;
}
