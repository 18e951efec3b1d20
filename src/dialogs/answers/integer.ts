/** A whole number within a range, in Arabic or Chinese numerals: '3', '打了三针', '两次'. */

import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './chinese-numerals.ts';
import { normalize } from './normalize.ts';
import { accept, refuse, type AnswerResult } from './result.ts';

export interface IntegerRange {
  min: number;
  max: number;
}

const NUMBERS = new RegExp(`-?\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}]+`, 'g');
// Words with 一 in them that are not the number one: 一共打了三针 is three.
const WORDS_WITH_ONE = /一(?:共|直|起|下|样|般|定|些|点|切)/g;
// Answers that mean none without a numeral: 没打, 一针都没打, none.
const NONE = /^(?:没|没有|无|未|都没|一(?:针|次|个)?都没)|^(?:none|no|zero)\b/i;

export function readInteger(text: string, range: IntegerRange): AnswerResult<number> {
  const normalized = normalize(text);
  if (normalized === '') return refuse('answer.empty');
  const value = NONE.test(normalized) ? 0 : onlyNumber(normalized.replace(WORDS_WITH_ONE, ' '));
  if (value === null) return refuse('integer.unreadable');
  if (value < range.min || value > range.max) return refuse('integer.range');
  return accept(value);
}

// The one number in the text; two different numbers leave the answer unclear.
function onlyNumber(text: string): number | null {
  const values = new Set<number>();
  for (const [written] of text.matchAll(NUMBERS)) {
    if (written.includes('.')) return null;
    const value = /\d/.test(written) ? Number(written) : parseChineseNumber(written);
    if (value === null || !Number.isSafeInteger(value)) return null;
    values.add(value);
  }
  const [only] = values;
  return values.size === 1 && only !== undefined ? only : null;
}
