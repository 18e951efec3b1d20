/**
 * Since when someone lives somewhere is often known to the month only: 2019年6月, 去年5月, 今年2月,
 * June 2019. The month is kept as 'YYYY-MM'; a whole date, when given, as 'YYYY-MM-DD'.
 */

import { addMonths, format } from 'date-fns';
import { parseToday, pickOccurrence, type Day } from './calendar.ts';
import { CHINESE_NUMERAL_CHARS, parseNumberWord } from './chinese-numerals.ts';
import { findDate, readPastDate } from './date.ts';
import { normalize } from './normalize.ts';
import { accept, refuse, type AnswerResult } from './result.ts';

const CN = `[${CHINESE_NUMERAL_CHARS}]`;
const MONTH = `(?<month>1[0-2]|0?[1-9]|${CN}{1,2})`;
const ENGLISH_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME =
  '(?<name>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
// A month that a day follows is a date, which the date reader has had its chance at.
const NO_DAY_AFTER = `(?:份)?(?!\\s*(?:\\d|${CN})+\\s*[日号])`;

const YEAR_OFFSETS: Readonly<Record<string, number>> = { 前年: -2, 去年: -1, 今年: 0 };
const MONTH_OFFSETS: Readonly<Record<string, number>> = { 上上: -2, 上: -1, 本: 0, 这: 0 };

type Groups = Record<string, string | undefined>;

interface MonthForm {
  pattern: RegExp;
  /** [year, month], or null when the words name no month. */
  resolve(groups: Groups, today: Day): [number, number] | null;
}

const monthNumber = (g: Groups): number => parseNumberWord(g['month'] ?? '') ?? Number.NaN;
const englishMonth = (g: Groups): number => ENGLISH_MONTHS.indexOf((g['name'] ?? '').slice(0, 3)) + 1;
const fullYear = (year: string): number => {
  const value = parseNumberWord(year) ?? Number.NaN;
  return year.length === 2 ? 2000 + value : value;
};

// The latest such month not after this one: "since May" in March is last year's May.
function recentMonth(month: number, today: Day): [number, number] | null {
  const candidates = [0, -1].map((years) => new Date(today.getFullYear() + years, month - 1, 1));
  const day = pickOccurrence(candidates, { today, allowFuture: false });
  return day ? [day.getFullYear(), day.getMonth() + 1] : null;
}

const form = (source: string, resolve: MonthForm['resolve']): MonthForm => ({ pattern: new RegExp(source, 'iu'), resolve });

const MONTH_FORMS: readonly MonthForm[] = [
  // 2019年6月, 19年6月份, 二〇一九年六月
  form(`(?<![\\d${CHINESE_NUMERAL_CHARS}])(?<year>\\d{4}|\\d{2}|[零〇一二三四五六七八九]{4})\\s*年\\s*${MONTH}\\s*月${NO_DAY_AFTER}`, (g) => [
    fullYear(g['year'] ?? ''),
    monthNumber(g),
  ]),
  // 去年5月, 今年二月份
  form(`(?<which>前年|去年|今年)\\s*${MONTH}\\s*月${NO_DAY_AFTER}`, (g, today) => [
    today.getFullYear() + (YEAR_OFFSETS[g['which'] ?? ''] ?? Number.NaN),
    monthNumber(g),
  ]),
  // 上个月, 这个月 (a day after it is a date)
  form(`(?<which>上上|上|本|这)个?月(?:份)?(?!\\s*(?:\\d|${CN})+\\s*[日号])`, (g, today) => {
    const month = addMonths(today, MONTH_OFFSETS[g['which'] ?? ''] ?? Number.NaN);
    return [month.getFullYear(), month.getMonth() + 1];
  }),
  // 2018-07, 2019.6, 2019/06
  form(`(?<![\\d./-])(?<year>(?:19|20)\\d{2})[-./](?<month>1[0-2]|0?[1-9])(?![\\d./-])`, (g) => [Number(g['year']), monthNumber(g)]),
  // 06/2019
  form(`(?<![\\d./-])(?<month>1[0-2]|0?[1-9])/(?<year>(?:19|20)\\d{2})(?![\\d./-])`, (g) => [Number(g['year']), monthNumber(g)]),
  // June 2019, since Aug. 2022
  form(`\\b${MONTH_NAME}\\.?,?\\s+(?:of\\s+)?(?<year>(?:19|20)\\d{2})\\b`, (g) => [Number(g['year']), englishMonth(g)]),
  // last May, since May
  form(`\\b(?:(?<which>last|this)\\s+)?${MONTH_NAME}\\b(?!\\s*\\d)`, (g, today) => {
    const recent = recentMonth(englishMonth(g), today);
    // "last March" said in March is a year ago.
    const thisMonth = recent !== null && recent[0] === today.getFullYear() && recent[1] === today.getMonth() + 1;
    return recent !== null && thisMonth && g['which']?.toLowerCase() === 'last' ? [recent[0] - 1, recent[1]] : recent;
  }),
  // 5月份, 5月 on its own: the latest such month
  form(`(?<![\\d${CHINESE_NUMERAL_CHARS}年])${MONTH}\\s*月${NO_DAY_AFTER}`, (g, today) => recentMonth(monthNumber(g), today)),
];

const TRAILING = /[\s.,!?~。！？～]+$/u;

/** The first month named in the text, with how many characters its mention takes. */
function findMonth(text: string, today: string): { month: [number, number]; length: number } | null {
  const normalized = normalize(text).toLowerCase().replace(TRAILING, '');
  const now = parseToday(today);
  for (const { pattern, resolve } of MONTH_FORMS) {
    const match = pattern.exec(normalized);
    const month = match ? resolve(match.groups ?? {}, now) : null;
    if (match && month) return { month, length: match[0].length };
  }
  return null;
}

/**
 * Whether the text is a date or a month and little else (「2021年3月」, 「去年5月」, 「3月1日」): an answer to
 * a question about when, typed where a place or a person is asked.
 */
export function isMostlyDate(text: string, today: string): boolean {
  const bare = normalize(text).replace(TRAILING, '');
  const length = Math.max(findDate(bare, today)?.length ?? 0, findMonth(bare, today)?.length ?? 0);
  return length > 0 && length >= bare.replace(/[\s,.]|份|的|左右|开始|搬来|住/gu, '').length - 1;
}

/** A date, or a month when only the month is known; neither may lie ahead. */
export function readPastDateOrMonth(text: string, today: string): AnswerResult<string> {
  const date = readPastDate(text, today);
  if (date.ok || date.reason !== 'date.unreadable') return date;
  const found = findMonth(text, today);
  if (found === null) return date;
  const [year, month] = found.month;
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12 || year < 1900) return refuse('date.invalid');
  const value = format(new Date(year, month - 1, 1), 'yyyy-MM');
  return value > today.slice(0, 7) ? refuse('date.future') : accept(value);
}
