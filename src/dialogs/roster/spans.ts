/**
 * The answer readers scan the whole of a text, character by character, and a roster line is
 * mostly blanks once its ID number and phone are taken out. Each reader is given only the part
 * of the line with the characters its field must have, and the few before them that may belong
 * to the same field (+86, 长庚里, 上个月): the rules stay fast on long lists.
 */

export interface Span {
  /** Besides the digits, the characters that the field must have one of. */
  wanted: string;
  /** The characters that may stand before the first of them, and how many. */
  lead: RegExp;
  leadLength: number;
  /** How many characters after the last one the reader may look at, besides blanks. */
  tailLength: number;
}

export const ID_SPAN: Span = { wanted: 'Xx', lead: /[Xx]/, leadLength: 0, tailLength: 1 };
export const PHONE_SPAN: Span = { wanted: '', lead: /[+()\s-]/, leadLength: 6, tailLength: 1 };
// A room's street and building mark come before its digits, glued to them (长庚里96号, B座1203, A栋-1502).
export const ROOM_SPAN: Span = { wanted: '零〇一二两三四五六七八九十百千', lead: /[\p{Script=Han}A-Za-z#-]/u, leadLength: 12, tailLength: 4 };
// Every date has a digit, a Chinese numeral or a word of a relative day (昨天, 周三, 上个月).
export const DATE_SPAN: Span = { wanted: '零〇一二两三四五六七八九十今昨前明后天周期拜月号日年', lead: /\p{Script=Han}/u, leadLength: 4, tailLength: 4 };

// A reader looks at the character before a number: no part starts just after a digit, a letter or a dash.
const JOINING = /[\dA-Za-z+-]/;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const SPACE = 32;
const TAB = 9;

function isWanted(text: string, i: number, span: Span): boolean {
  const code = text.charCodeAt(i);
  return (code >= DIGIT_0 && code <= DIGIT_9) || (code > SPACE && span.wanted.includes(text.charAt(i)));
}

// A very long line (a thousand ID numbers pasted in one) is read in pieces between its long
// blanks, so that no reader scans thousands of blanks from every place in it.
const LONG_LINE = 400;
const LONG_BLANK = /[ \t]{8,}/g;

/** What `find` finds in the part of `text` that may hold the field, with indices into `text`. */
export function findInSpan<T extends { index: number }>(text: string, span: Span, find: (part: string) => readonly T[]): T[] {
  if (text.length <= LONG_LINE) return findInPart(text, span, find);
  const found: T[] = [];
  let start = 0;
  for (const blank of [...text.matchAll(LONG_BLANK), null]) {
    const end = blank === null ? text.length : blank.index;
    if (end > start) {
      const part = text.slice(start, end);
      for (const item of findInPart(part, span, find)) found.push({ ...item, index: item.index + start });
    }
    if (blank !== null) start = blank.index + blank[0].length;
  }
  return found;
}

function findInPart<T extends { index: number }>(text: string, span: Span, find: (part: string) => readonly T[]): T[] {
  let first = 0;
  while (first < text.length && !isWanted(text, first, span)) first++;
  if (first === text.length) return [];
  let last = text.length - 1;
  while (last > first && !isWanted(text, last, span)) last--;
  let start = first;
  while (start > 0 && first - start < span.leadLength && span.lead.test(text.charAt(start - 1))) start--;
  while (start > 0 && JOINING.test(text.charAt(start - 1))) start--;
  let end = last + 1;
  for (let code = text.charCodeAt(end); end < text.length && (code === SPACE || code === TAB); code = text.charCodeAt(++end));
  end = Math.min(text.length, end + span.tailLength);
  if (start === 0 && end === text.length) return [...find(text)];
  return find(text.slice(start, end)).map((found) => ({ ...found, index: found.index + start }));
}

/** The first thing found in the part of `text` that may hold the field, or null. */
export function firstInSpan<T extends { index: number }>(text: string, span: Span, find: (part: string) => T | null): T | null {
  const [found = null] = findInSpan(text, span, (part) => {
    const one = find(part);
    return one === null ? [] : [one];
  });
  return found;
}
