/** The 18-character resident ID number of the PRC (GB 11643-1999). */

import { isExists } from 'date-fns';
import { toHalfWidth, normalize } from './normalize.ts';
import { accept, refuse, type AnswerResult, type Found } from './result.ts';

export interface IdNumber {
  /** 17 digits and a check character, X in upper case. */
  idNumber: string;
  birthDate: string;
  sex: 'male' | 'female';
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH_YEAR = 1900;

// Provinces, plus 83 (residence permits of Taiwan residents) and 91 (permanent residence of foreigners).
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83, 91,
]);

/** The check character for the first 17 digits of an ID number. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Whether an ID number's check character is right. Takes the 18 characters as stored (x in either case);
 * anything else, including 17 digits with no check character to compare, is false.
 */
export function isValidIdChecksum(id17or18: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id17or18)) return false;
  return idCheckChar(id17or18.slice(0, 17)) === id17or18.charAt(17).toUpperCase();
}

/**
 * Reads an ID number as typed: full-width digits, spaces or dashes between groups, lower-case x,
 * and a label in front ("身份证号：") are all fine. `today` is 'YYYY-MM-DD'.
 */
export function readIdNumber(text: string, today: string): AnswerResult<IdNumber> {
  const core = idBody(normalize(text));
  if (core === null) return refuse('id.characters');
  if (core === '') return refuse('answer.empty');
  if (!/^\d+[Xx]?$/.test(core)) return refuse('id.characters');
  if (core.length !== 18) return refuse('id.length');
  return validateId(core.toUpperCase(), today);
}

/** A candidate that has the shape of an ID number: checks region, birth date (against today, if given) and check character. */
function validateId(id: string, today?: string): AnswerResult<IdNumber> {
  if (!PROVINCE_CODES.has(Number(id.slice(0, 2)))) return refuse('id.region');
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (year < EARLIEST_BIRTH_YEAR || !isExists(year, month - 1, day)) return refuse('id.birthdate');
  if (today !== undefined && birthDate > today) return refuse('id.birthdate');
  if (!isValidIdChecksum(id)) return refuse('id.checksum');
  const sex = Number(id.charAt(16)) % 2 === 1 ? 'male' : 'female';
  return accept({ idNumber: id, birthDate, sex });
}

// Words around the number ("身份证号：…。") may be dropped, but not other Latin letters or digits,
// which would mean the answer is something else (a passport number, say).
const LATIN_LABEL = /^(?:id ?number|id ?no\.?|id)(?![a-z])\s*:?\s*/i;
const SURROUNDED_BODY = /^[^A-Za-z0-9]*([A-Za-z0-9]+)[^A-Za-z0-9]*$/;

function idBody(text: string): string | null {
  const compact = text.replace(LATIN_LABEL, '').replace(/[\s\-_.]/g, '');
  if (compact === '') return '';
  return SURROUNDED_BODY.exec(compact)?.[1] ?? null;
}

// 18 characters together, or in the groups people use: 6-8-4, 6-4-4-4, 4-4-4-4-2.
const ID_PATTERN =
  /(?<!\d)(?:\d{17}[\dXx]|\d{6}([ -])\d{8}\1\d{3}[\dXx]|\d{6}([ -])\d{4}\2\d{4}\2\d{3}[\dXx]|\d{4}([ -])\d{4}\3\d{4}\3\d{4}\3\d[\dXx])(?![\dXx])/g;

/**
 * Everything in a text that has the shape of an ID number, valid or not, for the roster parser.
 * Indices refer to the original text. The birth date is checked against `today` only if given.
 */
export function findIdNumbers(text: string, today?: string): Found<IdNumber>[] {
  const found: Found<IdNumber>[] = [];
  for (const match of toHalfWidth(text).matchAll(ID_PATTERN)) {
    const id = match[0].replace(/[ -]/g, '').toUpperCase();
    found.push({
      index: match.index,
      length: match[0].length,
      text: text.slice(match.index, match.index + match[0].length),
      result: validateId(id, today),
    });
  }
  return found;
}
