/** The ways people write a date, each a pattern and how to turn a match into a day. */

import { addDays, addMonths, addWeeks } from 'date-fns';
import {
  dayInMonth,
  dayInYear,
  dayOf,
  monthsAround,
  pickOccurrence,
  weekday,
  yearsAround,
  type DateContext,
  type Day,
} from './calendar.ts';
import { CHINESE_NUMERAL_CHARS, parseNumberWord } from './chinese-numerals.ts';

type Groups = Record<string, string | undefined>;

export interface DateForm {
  pattern: RegExp;
  /** The day meant, or null when the calendar has no such day. */
  resolve(groups: Groups, context: DateContext): Day | null;
}

const CN = `[${CHINESE_NUMERAL_CHARS}]`;
const NUMBER = `(?:\\d{1,2}|${CN}{1,3})`;
const DAY_MARK = '(?:号|日)';
// After a number: a building (3号楼), an address (96号201) or a quantity is no date.
const NOT_AFTER = '(?![\\d/]|\\.\\d|[ \\t]*(?:楼|栋|幢|座|院|房|室|单元|元|块|万|%|人|个|岁|kg|米))';

const RELATIVE_DAYS: Readonly<Record<string, number>> = {
  大大前天: -4,
  大前天: -3,
  前天: -2,
  昨天: -1,
  昨日: -1,
  昨晚: -1,
  今天: 0,
  今日: 0,
  今早: 0,
  今晚: 0,
  明天: 1,
  明日: 1,
  后天: 2,
  大后天: 3,
  'the day before yesterday': -2,
  yesterday: -1,
  today: 0,
  tonight: 0,
  tomorrow: 1,
  'the day after tomorrow': 2,
};

const WEEKDAYS: Readonly<Record<string, number>> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7,
  monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7,
};

const WEEK_OFFSETS: Readonly<Record<string, number>> = { 上上: -2, 上: -1, 本: 0, 这: 0, 下: 1, last: -1, this: 0, next: 1 };
const MONTH_OFFSETS: Readonly<Record<string, number>> = { 上上: -2, 上: -1, 本: 0, 这: 0, 下: 1 };
const YEAR_OFFSETS: Readonly<Record<string, number>> = { 前年: -2, 去年: -1, 今年: 0, 明年: 1 };

const ENGLISH_COUNTS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};

const ENGLISH_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const number = (text: string | undefined): number => (text === undefined ? Number.NaN : (parseNumberWord(text) ?? Number.NaN));
const englishMonth = (name: string | undefined): number => ENGLISH_MONTHS.indexOf((name ?? '').slice(0, 3).toLowerCase()) + 1;
const lookup = (table: Readonly<Record<string, number>>, key: string | undefined): number =>
  table[(key ?? '').toLowerCase()] ?? Number.NaN;

const form = (source: string, resolve: DateForm['resolve']): DateForm => ({
  pattern: new RegExp(source, 'giu'),
  resolve,
});

const monthDay = (month: number, day: number, context: DateContext): Day | null =>
  pickOccurrence(yearsAround(month, day, context.today), context);

export const DATE_FORMS: readonly DateForm[] = [
  // 今天, 昨天, 大前天, yesterday
  form(
    `(?<![a-z])(?<word>${Object.keys(RELATIVE_DAYS).sort((a, b) => b.length - a.length).join('|')})(?![a-z])`,
    (g, { today }) => addDays(today, lookup(RELATIVE_DAYS, g['word'])),
  ),
  // 3天前, 三天之前, 两周前, 1个月前 (not 3月前, which is "before March")
  form(
    `(?<![\\d.])(?<count>\\d{1,3}|${CN}{1,3})(?<unit>天|日|周|个?星期|个?礼拜|个月)(?:之|以)?前`,
    (g, { today }) => {
      const count = number(g['count']);
      const unit = g['unit'] ?? '';
      if (unit === '个月') return addMonths(today, -count);
      return unit === '天' || unit === '日' ? addDays(today, -count) : addWeeks(today, -count);
    },
  ),
  // 3 days ago, a week ago
  form(
    `(?<![\\w.])(?<count>\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\\s+(?<unit>days?|weeks?|months?)\\s+ago\\b`,
    (g, { today }) => {
      const count = /^\d+$/.test(g['count'] ?? '') ? Number(g['count']) : lookup(ENGLISH_COUNTS, g['count']);
      const unit = (g['unit'] ?? '').toLowerCase();
      if (unit.startsWith('month')) return addMonths(today, -count);
      return unit.startsWith('week') ? addWeeks(today, -count) : addDays(today, -count);
    },
  ),
  // 上周三, 本周一, 这星期五, 下礼拜天, 周五
  form(
    `(?<which>上上|上|本|这|下)?(?:个)?(?:周|星期|礼拜)(?<weekday>[一二三四五六日天])`,
    (g, context) => weekdayOf(g['which'], lookup(WEEKDAYS, g['weekday']), context),
  ),
  // last Wednesday (of last week, like 上周三), this Friday, Monday
  form(
    `\\b(?:(?<which>last|this|next)\\s+)?(?<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b`,
    (g, context) => weekdayOf(g['which']?.toLowerCase(), lookup(WEEKDAYS, g['weekday']), context),
  ),
  // 上个月15号, 本月1日, 这个月3号
  form(
    `(?<which>上上|上|本|这|下)(?:个)?月(?<day>${NUMBER})${DAY_MARK}`,
    (g, { today }) => dayInMonth(today, MONTH_OFFSETS[g['which'] ?? ''] ?? Number.NaN, number(g['day'])),
  ),
  // 去年12月1日, 今年3月1号
  form(
    `(?<which>前年|去年|今年|明年)(?<month>${NUMBER})月(?<day>${NUMBER})${DAY_MARK}?`,
    (g, { today }) => dayInYear(today, lookup(YEAR_OFFSETS, g['which']), number(g['month']), number(g['day'])),
  ),
  // 2022年12月1日, 二〇二二年十二月一号
  form(
    `(?<!\\d)(?<year>\\d{4}|[零〇一二三四五六七八九]{4})年(?<month>${NUMBER})月(?<day>${NUMBER})${DAY_MARK}?`,
    (g) => dayOf(number(g['year']), number(g['month']), number(g['day'])),
  ),
  // 2022-12-01, 2022.12.1, 2022/12/1; of a lease 2026.3.1-2027.2.28, the first day
  form(
    `(?<![\\d./-])(?<year>\\d{4})(?<separator>[-./])(?<month>\\d{1,2})\\k<separator>(?<day>\\d{1,2})${NOT_AFTER}(?!\\.\\d|-(?!\\d{4}[-./]\\d)\\d)`,
    (g) => dayOf(Number(g['year']), Number(g['month']), Number(g['day'])),
  ),
  // 20221201
  form(
    `(?<!\\d)(?<year>(?:19|20)\\d{2})(?<month>0[1-9]|1[0-2])(?<day>0[1-9]|[12]\\d|3[01])(?!\\d)`,
    (g) => dayOf(Number(g['year']), Number(g['month']), Number(g['day'])),
  ),
  // 3月1日, 十二月一号, 3月1
  form(
    `(?<!\\d)(?<month>${NUMBER})月(?<day>${NUMBER})${DAY_MARK}?${NOT_AFTER}`,
    (g, context) => monthDay(number(g['month']), number(g['day']), context),
  ),
  // 12/1, 12.1, 12-1; only plausible months and days, so that 36.5 (a temperature) is no date
  form(
    `(?<![\\d./:-])(?<month>1[0-2]|0?[1-9])(?<separator>[-./])(?<day>3[01]|[12]\\d|0?[1-9])${NOT_AFTER}(?![-.]\\d|:)`,
    (g, context) => monthDay(Number(g['month']), Number(g['day']), context),
  ),
  // Dec 1, December 1st, 2022
  form(
    `\\b(?<month>${MONTH_NAME})\\.?\\s+(?<day>\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(?<year>\\d{4})\\b)?`,
    (g, context) => yearOrRecent(g['year'], englishMonth(g['month']), Number(g['day']), context),
  ),
  // 1 Dec 2022, 1st of December
  form(
    `\\b(?<day>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<month>${MONTH_NAME})\\b\\.?(?:,?\\s+(?<year>\\d{4})\\b)?`,
    (g, context) => yearOrRecent(g['year'], englishMonth(g['month']), Number(g['day']), context),
  ),
  // 15号: the day of this or an earlier month
  form(
    `(?<![\\d月#里路街巷弄村]|${CN})(?<day>${NUMBER})${DAY_MARK}${NOT_AFTER}(?!号)`,
    (g, context) => pickOccurrence(monthsAround(number(g['day']), context.today), context),
  ),
];

function weekdayOf(which: string | undefined, isoWeekday: number, context: DateContext): Day | null {
  if (which !== undefined) return weekday(context.today, WEEK_OFFSETS[which] ?? Number.NaN, isoWeekday);
  const around = [-1, 0, 1].map((weeks) => weekday(context.today, weeks, isoWeekday));
  return pickOccurrence(around, context);
}

function yearOrRecent(year: string | undefined, month: number, day: number, context: DateContext): Day | null {
  return year === undefined ? monthDay(month, day, context) : dayOf(Number(year), month, day);
}
