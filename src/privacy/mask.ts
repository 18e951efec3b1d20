/**
 * Masking of personal data wherever a person other than its owner sees it,
 * and in every stored copy of a message text.
 */

/** 440603199001011234 -> 4406**********1234 */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** 13812345678 -> 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

const fullWidthDigit = /[０-９]/g;
/** 17 digits and a check character, possibly spaced in groups as people type them. */
const idLike = /(?<!\d)\d(?:[ -]?\d){16}[ -]?[0-9Xx](?!\d)/g;
/** Mobile numbers, with or without +86/0086, spaced or dashed. */
const phoneLike = /(?<!\d)(?:\+?86[ -]?|0086[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?!\d)/g;
/** Other long digit runs (passports, landlines, mistyped IDs): keep the ends only. */
const longDigits = /(?<!\d)[A-Za-z]?\d{7,}[0-9Xx]?(?!\d)/g;

const compact = (value: string) => value.replace(/[ -]/g, '');

/** Masks every ID number, phone and long number found in a free text. */
export function maskText(text: string): string {
  const halfWidth = text.replace(fullWidthDigit, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return halfWidth
    .replace(idLike, (match) => maskIdNumber(compact(match)))
    .replace(phoneLike, (match) => maskPhone(compact(match).slice(-11)))
    .replace(longDigits, (match) => maskIdNumber(match));
}
