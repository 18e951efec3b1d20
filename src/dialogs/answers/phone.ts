/** Mainland Chinese mobile numbers, as people write them: spaces, dashes, +86, 0086, (+86). */

import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { findIdNumbers } from './id-number.ts';
import { normalize, toHalfWidth } from './normalize.ts';
import { accept, refuse, type AnswerResult, type Found } from './result.ts';

const MOBILE_LENGTH = 11;
const LABEL = /^[^A-Za-z0-9+(]*(?:(?:tel|phone|mobile|mob|cell)\.?\s*:?\s*)?/i;
const TRAILING_WORDS = /[^0-9]+$/;
const SEPARATORS = /[\s\-().]/g;

/** The 11-digit national number of a Chinese mobile. */
export function readMobilePhone(text: string): AnswerResult<string> {
  const normalized = normalize(text);
  if (normalized === '') return refuse('answer.empty');
  const compact = normalized.replace(LABEL, '').replace(TRAILING_WORDS, '').replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) return refuse('phone.invalid');
  const national = nationalDigits(compact);
  if (national === null) return refuse(isValidAbroad(compact) ? 'phone.foreign' : 'phone.invalid');
  return readNationalNumber(national);
}

/** The digits after the country code, or null for a number of another country. */
function nationalDigits(compact: string): string | null {
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (international.startsWith('+')) return international.startsWith('+86') ? international.slice(3) : null;
  // 86 without + is only a country code when a whole mobile number follows.
  if (/^861\d{10}$/.test(international)) return international.slice(2);
  return international;
}

function isValidAbroad(compact: string): boolean {
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  return parsePhoneNumberFromString(international)?.isValid() === true;
}

function readNationalNumber(digits: string): AnswerResult<string> {
  const parsed = parsePhoneNumberFromString(digits, 'CN');
  // With the full metadata a number has a type exactly when it is valid; isValid() would run the
  // same type patterns a second time, and they are most of the parser's time.
  const type = parsed?.getType();
  if (parsed && (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE')) {
    // A leading 0 was once dialled before mobiles from another city; libphonenumber drops it.
    if (parsed.nationalNumber.length === MOBILE_LENGTH) return accept(parsed.nationalNumber);
  }
  if (type === 'FIXED_LINE') return refuse('phone.landline');
  // A local landline number without its area code.
  if (/^[2-9]\d{6,7}$/.test(digits)) return refuse('phone.landline');
  if (digits.length === MOBILE_LENGTH - 1 || digits.length === MOBILE_LENGTH + 1) return refuse('phone.length');
  return refuse('phone.invalid');
}

const COUNTRY_PREFIX = String.raw`(?:(?:\+|00)?86[ -]?|\(\+?86\)[ -]?)?`;
// A mobile together (10 to 12 digits, so that one missing or extra digit is still reported),
// or in groups: 138 1234 5678, 138-1234-5678, 138 12345678.
const PHONE_CANDIDATE = new RegExp(
  String.raw`(?<![\d+])${COUNTRY_PREFIX}(?:1\d{9,11}|1\d{2}(?:[ -]\d{3,9}){1,2})(?!\d)`,
  'g',
);
const PREFIX_AT_START = new RegExp(`^${COUNTRY_PREFIX}`);

/**
 * Candidate mobile numbers in a line of free text, valid or not, for the roster parser.
 * Digits inside ID numbers are never taken for a phone. Indices refer to the original text.
 */
export function findPhones(text: string): Found<string>[] {
  let masked = toHalfWidth(text);
  for (const id of findIdNumbers(text)) {
    masked = masked.slice(0, id.index) + '#'.repeat(id.length) + masked.slice(id.index + id.length);
  }
  const found: Found<string>[] = [];
  for (const match of masked.matchAll(PHONE_CANDIDATE)) {
    const digits = match[0].replace(PREFIX_AT_START, '').replace(/\D/g, '');
    if (digits.length < MOBILE_LENGTH - 1 || digits.length > MOBILE_LENGTH + 1) continue;
    const original = text.slice(match.index, match.index + match[0].length);
    found.push({ index: match.index, length: match[0].length, text: original, result: readMobilePhone(original) });
  }
  return found;
}
