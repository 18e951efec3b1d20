/**
 * A roster entry: one person of a landlord's or shop owner's list, as the parser understood it.
 * The shape is what `linli roster parse --json` prints and what the roster store keeps.
 */

import { reasonText, isReasonCode, type Language } from '../answers/index.ts';

export type RosterAction = 'add' | 'remove' | 'update';

export interface RosterRoom {
  /** The room as written in the message (half-width, spaces collapsed). */
  raw: string;
  /** Digits or letters alone: '3', 'B'. */
  building: string | null;
  unit: string | null;
  room: string | null;
}

export interface RosterEntry {
  name: string | null;
  /** 17 digits and a check character, X upper case; kept as typed (digits only) when defective. */
  idNumber: string | null;
  /** 11 digits; kept as typed (digits only) when defective. */
  phone: string | null;
  room: RosterRoom | null;
  /** YYYY-MM-DD. */
  moveIn: string | null;
  action: RosterAction;
  valid: boolean;
  problems: ProblemCode[];
}

/** An entry and the 1-based line of the message (or row of the spreadsheet) it came from. */
export interface RosterRow {
  lineNo: number;
  entry: RosterEntry;
}

/** A line of the message that looked like it carried a person, but that the parser could not read. */
export interface UnreadLine {
  lineNo: number;
  text: string;
}

export interface RosterParse {
  isRoster: boolean;
  entries: RosterRow[];
  /** Lines that seem to carry a person but that no row was read from; empty when not a roster. */
  unreadLines: UnreadLine[];
}

// Stable codes: tests, stored rosters and replies refer to them. Where the answer readers have
// a code for the same defect, the roster uses that code.
export const PROBLEM_CODES = [
  'name.missing',
  'name.digits',
  'name.characters',
  'name.length',
  'id.characters',
  'id.length',
  'id.region',
  'id.birthdate',
  'id.checksum',
  'id.duplicate',
  'id.as-number',
  'id.many',
  'phone.length',
  'phone.invalid',
  'phone.landline',
  'phone.foreign',
  'contact.missing',
  'room.missing',
  'room.unreadable',
  'date.invalid',
  'model.ungrounded',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

const PROBLEM_SET: ReadonlySet<string> = new Set(PROBLEM_CODES);

export function isProblemCode(code: string): code is ProblemCode {
  return PROBLEM_SET.has(code);
}

/** A reader's refusal as a roster problem; refusals with no roster meaning become `fallback`. */
export function problemFromReason(reason: string, fallback: ProblemCode): ProblemCode {
  return isProblemCode(reason) ? reason : fallback;
}

interface ProblemWords {
  zh: string;
  en: string;
}

// Short words for one row of a list ("李四 … 校验位不对"); the readers' reasons are whole sentences.
const LABELS: Readonly<Record<ProblemCode, ProblemWords>> = {
  'name.missing': { zh: '没有姓名', en: 'no name' },
  'name.digits': { zh: '姓名里有数字', en: 'digits in the name' },
  'name.characters': { zh: '姓名里有符号', en: 'symbols in the name' },
  'name.length': { zh: '姓名长度不对', en: 'name too short or too long' },
  'id.characters': { zh: '身份证号有非数字', en: 'ID number has letters' },
  'id.length': { zh: '身份证号位数不对', en: 'ID number has the wrong length' },
  'id.region': { zh: '身份证号开头不对', en: 'ID number has no valid province code' },
  'id.birthdate': { zh: '身份证号出生日期不对', en: 'birth date in the ID number is wrong' },
  'id.checksum': { zh: '身份证号校验位不对', en: 'ID number check digit is wrong' },
  'id.duplicate': { zh: '身份证号与上面重复', en: 'ID number repeats an earlier row' },
  'id.as-number': {
    zh: '表格把身份证号存成了数字，最后几位丢了，请把这一列设为文本再发',
    en: 'the spreadsheet stored the ID number as a number and lost its last digits; format that column as text and send it again',
  },
  'id.many': { zh: '一行里有好几个身份证号', en: 'several ID numbers on one line' },
  'phone.length': { zh: '手机号位数不对', en: 'mobile number has the wrong length' },
  'phone.invalid': { zh: '手机号不对', en: 'not a mobile number' },
  'phone.landline': { zh: '是座机号，不是手机号', en: 'a landline, not a mobile' },
  'phone.foreign': { zh: '不是大陆手机号', en: 'not a mainland mobile' },
  'contact.missing': { zh: '没有身份证号和手机号', en: 'no ID number and no mobile' },
  'room.missing': { zh: '没有房号', en: 'no room' },
  'room.unreadable': { zh: '房号看不懂', en: 'room not readable' },
  'date.invalid': { zh: '入住日期不对', en: 'move-in date is not a real day' },
  'model.ungrounded': { zh: '有内容在原文中找不到，已去掉', en: 'values not found in the message were removed' },
};

// Whole sentences for the codes that the answer readers do not have.
const SENTENCES: Readonly<Partial<Record<ProblemCode, ProblemWords>>> = {
  'name.missing': { zh: '这一行没有找到姓名，请补上。', en: 'No name was found on this line; please add it.' },
  'id.duplicate': {
    zh: '这个身份证号在名单里出现了两次，请检查是不是抄错了。',
    en: 'This ID number appears twice in the list; please check for a copying mistake.',
  },
  'id.as-number': {
    zh: '表格把身份证号存成了数字，最后几位丢了，请把这一列设为文本再发',
    en: 'The spreadsheet stored the ID numbers as numbers and lost their last digits; please format that column as text and send it again.',
  },
  'id.many': {
    zh: '这一行有好几个身份证号，请一行写一个人，每人一个身份证号。',
    en: 'This line has several ID numbers; please put one person on a line, with one ID number each.',
  },
  'contact.missing': {
    zh: '这一行没有身份证号，也没有手机号，请至少补上一个。',
    en: 'This line has neither an ID number nor a mobile number; please add at least one.',
  },
  'room.missing': { zh: '这一行没有房号，请补上。例如：3栋2单元502', en: 'This line has no room; please add it. Example: 3-2-502' },
  'model.ungrounded': {
    zh: '自动识别出的部分内容在原文中找不到，已经去掉，请核对这一行。',
    en: 'Some values read automatically were not in the message and were removed; please check this line.',
  },
};

const englishOrChinese = (words: ProblemWords, lang: Language): string => (lang === 'zh-CN' ? words.zh : words.en);

/** A whole sentence about the problem, as the bot says it when asking for a correction. */
export function problemText(code: ProblemCode, lang: Language): string {
  const own = SENTENCES[code];
  if (own !== undefined) return englishOrChinese(own, lang);
  if (isReasonCode(code)) return reasonText(code, lang);
  return englishOrChinese(LABELS[code], lang);
}

/** A few words about the problem of one entry, for a numbered list; says "one digit short" where it can. */
export function problemLabel(code: ProblemCode, entry: RosterEntry, lang: Language): string {
  if (code === 'phone.length' && entry.phone !== null) {
    const short = entry.phone.length < 11;
    if (lang === 'zh-CN') return short ? '手机号少一位' : '手机号多一位';
    return short ? 'mobile number is one digit short' : 'mobile number has one digit too many';
  }
  if (code === 'id.length' && entry.idNumber !== null) {
    const count = entry.idNumber.length;
    return lang === 'zh-CN' ? `身份证号是${count}位，应为18位` : `ID number has ${count} characters, not 18`;
  }
  return englishOrChinese(LABELS[code], lang);
}
