/**
 * The fields of one roster line, found in turn and each taken out of the line before the next is
 * looked for: ID numbers, phones, rooms, dates, notes, labels. What remains holds the name.
 */

import { findDate, findIdNumbers, findPhones, findRoom, parseChineseNumber, type Found } from '../answers/index.ts';
import { LABEL_PATTERN } from './columns.ts';
import type { RosterAction, RosterRoom } from './entry.ts';
import { findMonth } from './months.ts';
import { nameMentions } from './names.ts';
import { NOTE_PATTERN, actionOfNote } from './notes.ts';
import { dateFromFound, idFromFound, phoneFromFound, phoneFromReader, rosterRoom, type Reading } from './readings.ts';
import { DATE_SPAN, findInSpan, firstInSpan, ID_SPAN, PHONE_SPAN, ROOM_SPAN } from './spans.ts';
import { readColumns, type ColumnHints } from './table-row.ts';

export type { ColumnHints } from './table-row.ts';

export interface Mention<T> {
  index: number;
  value: Reading<T>;
}

export interface NameMention extends Mention<string> {
  length: number;
  score: number;
}

export interface NoteMention {
  index: number;
  action: RosterAction;
}

export interface LineMentions {
  ids: Mention<string>[];
  phones: Mention<string>[];
  rooms: Mention<RosterRoom>[];
  dates: Mention<string>[];
  notes: NoteMention[];
  names: NameMention[];
  /** The line with every field, note and label blanked out: names and unexplained words remain. */
  rest: string;
}

/** A line being taken apart: what is found is blanked out, so that indices keep their place. */
class Work {
  constructor(public text: string) {}

  take(index: number, length: number): void {
    this.text = blank(this.text, index, length);
  }
}

export const blank = (text: string, index: number, length: number): string =>
  text.slice(0, index) + ' '.repeat(length) + text.slice(index + length);

// 17 or 19 digits, an old 15-digit number: an ID number with a digit missing or extra. A 13-digit
// run starting 86 is a mobile with its country code.
const LONG_NUMBER = /(?<![\dA-Za-z+])(?!86\d{11}(?!\d))\d{13,20}[Xx]?(?![\dA-Za-z])/g;
const LANDLINE = /(?<![\d+])(?:\(0\d{2,3}\)|0\d{2,3}-)\s?\d{7,8}(?!\d)/g;
// Whatever digits are still left: a phone or ID number too garbled for the finders above.
const LEFT_DIGITS = /(?<![\dA-Za-z])\d{7,20}[Xx]?(?![\dA-Za-z])/g;
const SEVEN_DIGITS = /\d(?:[ -]?\d){6}/;
const ID_LIKE_LENGTH = 13;
const MAX_REPEATS = 4;
const MAX_ROOM_TRIES = 12;
const DATE_RANGE_DASH = /(?<=\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}月\d{1,2}[日号]?)\s*[-~～]\s*(?=\d{4}[./-年]|\d{1,2}月)/g;

// A day of the month alone (15号) is a date next to words of moving in or after a month; elsewhere a house number.
const BARE_DAY = /^(?:\d{1,2}|[零〇一二两三四五六七八九十]{1,3})[号日]$/u;
const MOVING_AFTER = /^\s*(?:入住|搬|来|到|起|开始|租|进|住)/u;
const MONTH_BEFORE = /月\s*$/u;
const WEEKDAY = /(?:周|星期|礼拜)[一二三四五六日天]$/u;
// 周一鸣 is a name: a weekday glued to a further letter is no date, unless that letter is about moving in.
const GLUED_LETTER = /^[\p{Script=Han}](?<![入搬来到起开租进住号日])/u;

/** The fields of a line; `body` is half-width. `columns` are the headings of the table the line is a row of. */
export function findMentions(body: string, today: string, columns?: ColumnHints): LineMentions {
  const work = new Work(body);
  if (columns !== undefined) {
    columns.cells.forEach((cell, i) => {
      if (columns.kinds[i] === 'ignore') work.take(cell.index, cell.text.length);
    });
  }
  const ids = takeIds(work, today);
  // 20250801 would otherwise be read as a garbled phone with the room before it.
  const compactDates = takeCompactDates(work, today);
  const phones = takePhones(work, ids);
  const rooms = takeRooms(work);
  const dates = [...compactDates, ...takeDates(work, today)];
  const notes = takeNotes(work);
  for (const match of work.text.matchAll(LABEL_PATTERN)) work.take(match.index, match[0].length);
  // Told in sentences (「七栋一单元三零一住的是王磊」), the words around a name are glued to it.
  if (PROSE_WORDS_HINT.test(work.text)) for (const match of work.text.matchAll(PROSE_WORDS)) work.take(match.index, match[0].length);

  const mentions: LineMentions = { ids, phones, rooms, dates, notes, names: [], rest: work.text };
  if (columns !== undefined) readColumns(mentions, columns, today);
  if (!columns?.kinds.includes('name')) mentions.names = nameMentions(work.text, Math.max(ids.length, phones.length));
  for (const list of [ids, phones, rooms, dates, notes, mentions.names]) list.sort((a, b) => a.index - b.index);
  return mentions;
}

const PROSE_WORDS = /住的是|住着|住了|租给了|租给|住在|搬进来的|搬过来的|搬来的|搬进来|搬过来|开始住的|的是|是|我的房子|我家/g;
const PROSE_WORDS_HINT = /住|租给|搬|是|我/;

// An ID column a spreadsheet stored as numbers: 4.40305199001011E+17, fifteen digits and an exponent.
const ID_AS_NUMBER = /(?<![\d.])[1-9]\.\d{5,14}[eE]\+?17(?!\d)/g;

// 4.40305199001011E+17 → 440305199001011000: the digits Excel kept, and zeros where it lost them.
function digitsOfExponent(number: string): string {
  const [mantissa = '', exponent = '0'] = number.split(/[eE]\+?/);
  const digits = mantissa.replace('.', '');
  return digits.padEnd(Number(exponent) + 1, '0');
}

function takeIds(work: Work, today: string): Mention<string>[] {
  const ids: Mention<string>[] = [];
  for (const match of work.text.includes('+') || /[eE]17/.test(work.text) ? work.text.matchAll(ID_AS_NUMBER) : []) {
    ids.push({ index: match.index, value: { value: digitsOfExponent(match[0]), problem: 'id.as-number' } });
    work.take(match.index, match[0].length);
  }
  for (const found of findInSpan(work.text, ID_SPAN, (text) => findIdNumbers(text, today))) {
    ids.push({ index: found.index, value: idFromFound(found) });
    work.take(found.index, found.length);
  }
  for (const match of SEVEN_DIGITS.test(work.text) ? work.text.matchAll(LONG_NUMBER) : []) {
    ids.push({ index: match.index, value: { value: match[0].toUpperCase(), problem: 'id.length' } });
    work.take(match.index, match[0].length);
  }
  return ids;
}

function takePhones(work: Work, ids: Mention<string>[]): Mention<string>[] {
  const phones: Mention<string>[] = [];
  for (const found of findInSpan(work.text, PHONE_SPAN, findPhones)) {
    phones.push({ index: found.index, value: phoneFromFound(found) });
    work.take(found.index, found.length);
  }
  if (!SEVEN_DIGITS.test(work.text)) return phones;
  for (const match of work.text.matchAll(LANDLINE)) {
    phones.push({ index: match.index, value: phoneFromReader(match[0]) });
    work.take(match.index, match[0].length);
  }
  for (const match of work.text.matchAll(LEFT_DIGITS)) {
    const digits = match[0].replace(/\D/g, '');
    if (digits.length >= ID_LIKE_LENGTH) ids.push({ index: match.index, value: { value: match[0].toUpperCase(), problem: 'id.length' } });
    else phones.push({ index: match.index, value: phoneFromReader(match[0]) });
    work.take(match.index, match[0].length);
  }
  return phones;
}

// Rooms before dates, so that the date reader rarely has digits left to look at; a bare 15号
// after a month or before 入住 is left for the dates.
function takeRooms(work: Work): Mention<RosterRoom>[] {
  const rooms: Mention<RosterRoom>[] = [];
  let search = work.text;
  // Days of the month (一月十一号) are found on the way, and passed over.
  for (let i = 0; i < MAX_ROOM_TRIES; i++) {
    const found = firstInSpan(search, ROOM_SPAN, findRoom);
    if (found === null || !found.result.ok) break;
    // A street written apart from its number is more often a name: 张园 96号201.
    const apart = found.result.value.street === null ? null : /^[\p{Script=Han}]+[ \t,]+/u.exec(found.text);
    if (apart !== null) {
      search = blank(search, found.index, apart[0].length);
      continue;
    }
    search = blank(search, found.index, found.length);
    if (isDayOfMonth(work.text, found)) continue;
    // 新围村三巷5号: a village before its lane, glued to it.
    const village = found.result.value.street === null ? null : VILLAGE_BEFORE.exec(work.text.slice(0, found.index));
    const index = found.index - (village?.[0].length ?? 0);
    const text = work.text.slice(index, found.index + found.length);
    rooms.push({ index, value: { value: rosterRoom(found.result.value, text), problem: null } });
    work.take(index, text.length);
  }
  if (rooms.length === 0) takeTowerRoom(work, rooms);
  takeSpokenRooms(work, rooms);
  return rooms;
}

// Towers written without 座: D1506, G2102室; a letter alone before the room number.
const TOWER_ROOM = /(?<![\dA-Za-z])(?<tower>[A-Za-z])(?<room>\d{3,4})(?<mark>室|房)?(?![\dA-Za-z])/;

// Rooms read out digit by digit in prose, with no building: 「；一零二住的是…」.
const SPOKEN_ROOM = /(?<![\p{Script=Han}])[一二三四五六七八九][零〇一二三四五六七八九]{2,3}(?=\s*(?:住|是|房|室|号|租|,|$))/gu;

function takeSpokenRooms(work: Work, rooms: Mention<RosterRoom>[]): void {
  if (!/[零〇]/.test(work.text)) return;
  for (const match of work.text.matchAll(SPOKEN_ROOM)) {
    if (!/[零〇]/.test(match[0])) continue;
    const room = String(parseChineseNumber(match[0]));
    rooms.push({ index: match.index, value: { value: { raw: match[0], building: null, unit: null, room }, problem: null } });
    work.take(match.index, match[0].length);
  }
}

function takeTowerRoom(work: Work, rooms: Mention<RosterRoom>[]): void {
  const match = TOWER_ROOM.exec(work.text);
  const tower = match?.groups?.['tower'];
  const room = match?.groups?.['room'];
  if (match === null || tower === undefined || room === undefined) return;
  rooms.push({ index: match.index, value: { value: { raw: match[0], building: tower.toUpperCase(), unit: null, room }, problem: null } });
  work.take(match.index, match[0].length);
}

const VILLAGE_BEFORE = /(?:\p{Script=Han}{1,6}?(?:村|社区|小区|花园|新村|坊|庄))+$/u;

function isDayOfMonth(text: string, found: Found<unknown>): boolean {
  if (!BARE_DAY.test(found.text)) return false;
  return MONTH_BEFORE.test(text.slice(0, found.index)) || MOVING_AFTER.test(text.slice(found.index + found.length));
}

const COMPACT_DATE = /(?<![\dA-Za-z])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\dA-Za-z])/g;

function takeCompactDates(work: Work, today: string): Mention<string>[] {
  const dates: Mention<string>[] = [];
  if (!/\d{8}/.test(work.text)) return dates;
  for (const match of work.text.matchAll(COMPACT_DATE)) {
    const found = findDate(match[0], today);
    if (found === null) continue;
    dates.push({ index: match.index, value: dateFromFound(found) });
    work.take(match.index, match[0].length);
  }
  return dates;
}

function takeDates(work: Work, today: string): Mention<string>[] {
  const dates: Mention<string>[] = [];
  for (const match of PENDING.test(work.text) ? work.text.matchAll(PENDING_ALL) : []) work.take(match.index, match[0].length);
  // A lease from 2026.3.1-2027.2.28: the dash would hide both days from the date reader.
  let search = work.text.replace(DATE_RANGE_DASH, (dash) => ' '.repeat(dash.length));
  for (let i = 0; i < MAX_REPEATS; i++) {
    const found = firstInSpan(search, DATE_SPAN, (text) => findDate(text, today));
    if (found === null) break;
    if (isDateHere(search, found)) {
      dates.push({ index: found.index, value: dateFromFound(found) });
      work.take(found.index, found.length);
    }
    search = blank(search, found.index, found.length);
  }
  if (dates.length === 0 && MOVING_IN_LINE.test(work.text)) {
    const month = findMonth(work.text, today);
    if (month !== null) {
      dates.push({ index: month.index, value: { value: month.value, problem: null } });
      work.take(month.index, month.length);
    }
  }
  return dates;
}

// 「身份证明天发给你」, 「电话晚点发」: something still to come, neither a date nor a word of the row.
const PENDING_SOURCE = '(?:今天|明天|后天|大后天|晚点|晚些|稍后|回头|过两天|改天)再?(?:发给你|发你|发过来|发|补上|补|给你|给)|再发|再补';
const PENDING = new RegExp(PENDING_SOURCE, 'u');
const PENDING_ALL = new RegExp(PENDING_SOURCE, 'gu');

// A month alone is a move-in only where the line speaks of moving in: 去年8月开始住的, 2025年12月入住.
const MOVING_IN_LINE = /入住|搬|来|开始|住|起租/;
// 「身份证后天再发」: a day to come for something still to be sent, not a move-in.
const STILL_TO_SEND = /^\s*(?:再|补|发|给|提供|交|拿)/u;
const DAY_WORD = /^(?:今天|今日|今晚|明天|明日|后天|大后天)$/u;

function isDateHere(text: string, found: Found<string>): boolean {
  const after = text.slice(found.index + found.length);
  if (BARE_DAY.test(found.text)) return MOVING_AFTER.test(after) || MONTH_BEFORE.test(text.slice(0, found.index));
  if (WEEKDAY.test(found.text)) return !GLUED_LETTER.test(after);
  if (DAY_WORD.test(found.text)) return !STILL_TO_SEND.test(after);
  return true;
}

function takeNotes(work: Work): NoteMention[] {
  const notes: NoteMention[] = [];
  for (const match of work.text.matchAll(NOTE_PATTERN)) {
    const action = actionOfNote(match[0]);
    if (action !== null) notes.push({ index: match.index, action });
    work.take(match.index, match[0].length);
  }
  return notes;
}
