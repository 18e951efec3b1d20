/**
 * Move-ins said to the month (去年8月, 2025年12月, 上个月, 元旦): the roster keeps a day, so such a
 * move-in is the first day of its month. The answer readers want whole days; this is the roster's own.
 */

import { parseNumberWord } from '../answers/index.ts';

export interface MonthMention {
  index: number;
  length: number;
  /** YYYY-MM-DD, the first of the month. */
  value: string;
}

const CN = '零〇一二两三四五六七八九十';
const YEAR_OFFSETS: Readonly<Record<string, number>> = { 前年: -2, 去年: -1, 今年: 0 };
const MONTH_OFFSETS: Readonly<Record<string, number>> = { 上上个月: -2, 上个月: -1, 上月: -1, 这个月: 0, 本月: 0 };
const MONTH = new RegExp(
  `(?<year>\\d{4}年|前年|去年|今年)?(?<month>1[0-2]|0?[1-9]|[${CN}]{1,2})月份?(?![\\d${CN}]|\\s*\\d|底|中|初)` +
    `|(?<relative>上上个月|上个月|上月|这个月|本月)(?![\\d${CN}])|(?<newYear>元旦)`,
  'gu',
);

const pad = (n: number): string => String(n).padStart(2, '0');

/** The first mention of a month in `text` read against `today` (YYYY-MM-DD); a month without a year is the latest one not after today. */
export function findMonth(text: string, today: string): MonthMention | null {
  const [thisYear, thisMonth] = today.split('-').map(Number) as [number, number];
  for (const match of text.matchAll(MONTH)) {
    const { year, month, relative, newYear } = match.groups ?? {};
    const at = (y: number, m: number): MonthMention => ({ index: match.index, length: match[0].length, value: `${y}-${pad(m)}-01` });
    if (newYear !== undefined) return at(thisYear, 1);
    if (relative !== undefined) {
      const months = thisYear * 12 + thisMonth - 1 + (MONTH_OFFSETS[relative] ?? 0);
      return at(Math.floor(months / 12), (months % 12) + 1);
    }
    const m = parseNumberWord(month ?? '');
    if (m === null || m < 1 || m > 12) continue;
    if (year === undefined) return at(m > thisMonth ? thisYear - 1 : thisYear, m);
    const y = /^\d{4}年$/.test(year) ? Number(year.slice(0, 4)) : thisYear + (YEAR_OFFSETS[year] ?? 0);
    return at(y, m);
  }
  return null;
}
