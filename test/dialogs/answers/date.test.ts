import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDate, readDate, readPastDate } from '../../../src/dialogs/answers/date.ts';
import { anyText, chineseNumeral, isWellFormed, toFullWidth } from './arbitraries.ts';

const TODAY = '2026-03-05'; // a Thursday

describe('readDate', () => {
  it.each([
    ['今天', '2026-03-05'],
    ['今日', '2026-03-05'],
    ['昨天', '2026-03-04'],
    ['前天', '2026-03-03'],
    ['大前天', '2026-03-02'],
    ['3天前', '2026-03-02'],
    ['三天前', '2026-03-02'],
    ['十天之前', '2026-02-23'],
    ['两周前', '2026-02-19'],
    ['一个月前', '2026-02-05'],
    ['上周三', '2026-02-25'],
    ['上星期日', '2026-03-01'],
    ['上上周一', '2026-02-16'],
    ['本周一', '2026-03-02'],
    ['这周五', '2026-03-06'],
    ['周三', '2026-03-04'],
    ['周五', '2026-02-27'],
    ['礼拜天', '2026-03-01'],
    ['上个月15号', '2026-02-15'],
    ['上月1日', '2026-02-01'],
    ['这个月3号', '2026-03-03'],
    ['15号', '2026-02-15'],
    ['3月1日', '2026-03-01'],
    ['3月1号', '2026-03-01'],
    ['三月一日', '2026-03-01'],
    ['十二月一号', '2025-12-01'],
    ['3月6日', '2025-03-06'],
    ['去年12月1日', '2025-12-01'],
    ['2022.12.1', '2022-12-01'],
    ['2022-12-01', '2022-12-01'],
    ['2022/12/1', '2022-12-01'],
    ['2022年12月1日', '2022-12-01'],
    ['2022年12月1号', '2022-12-01'],
    ['二〇二二年十二月一日', '2022-12-01'],
    ['20221201', '2022-12-01'],
    ['１２／１', '2025-12-01'],
    ['12/1', '2025-12-01'],
    ['12.1', '2025-12-01'],
    ['12-1', '2025-12-01'],
    ['2月29日', '2024-02-29'],
    ['today', '2026-03-05'],
    ['Yesterday', '2026-03-04'],
    ['the day before yesterday', '2026-03-03'],
    ['3 days ago', '2026-03-02'],
    ['a week ago', '2026-02-26'],
    ['2022-12-01', '2022-12-01'],
    ['Dec 1', '2025-12-01'],
    ['December 1st', '2025-12-01'],
    ['Dec 1, 2022', '2022-12-01'],
    ['1 Dec 2022', '2022-12-01'],
    ['1st of December', '2025-12-01'],
    ['last Wednesday', '2026-02-25'],
    ['我是3月1日回来的', '2026-03-01'],
    ['明天', '2026-03-06'],
    ['2027-01-01', '2027-01-01'],
  ])('%j → %s', (input, expected) => {
    expect(readDate(input, TODAY)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['12/1', '2025-12-01'],
    ['4/1', '2026-04-01'],
    ['3月6日', '2026-03-06'],
    ['周五', '2026-03-06'],
    ['周一', '2026-03-02'],
    ['15号', '2026-03-15'],
    ['28号', '2026-02-28'],
  ])('with allowFuture, %j is the nearest: %s', (input, expected) => {
    expect(readDate(input, TODAY, { allowFuture: true })).toEqual({ ok: true, value: expected });
  });

  it('reads a date without year across the new year', () => {
    expect(readDate('12/31', '2024-01-02')).toEqual({ ok: true, value: '2023-12-31' });
    expect(readDate('1/2', '2024-01-02')).toEqual({ ok: true, value: '2024-01-02' });
    expect(readDate('上周一', '2024-01-02')).toEqual({ ok: true, value: '2023-12-25' });
    expect(readDate('上个月31号', '2024-01-02')).toEqual({ ok: true, value: '2023-12-31' });
  });

  it.each([
    ['', 'answer.empty'],
    ['不记得了', 'date.unreadable'],
    ['3月前', 'date.unreadable'],
    ['hello', 'date.unreadable'],
    ['2月30日', 'date.invalid'],
    ['13月1日', 'date.invalid'],
    ['2022-02-29', 'date.invalid'],
    ['上个月31号', 'date.invalid'],
    ['32号', 'date.invalid'],
    ['1800-01-01', 'date.invalid'],
  ])('%j is refused with %s', (input, reason) => {
    expect(readDate(input, TODAY)).toEqual({ ok: false, reason });
  });

  it('treats a malformed today as a programming error', () => {
    expect(() => readDate('今天', '2026-3-5')).toThrow(RangeError);
    expect(() => readDate('今天', '2026-02-30')).toThrow(RangeError);
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (text, allowFuture) => {
        const result = readDate(text, TODAY, { allowFuture });
        return isWellFormed(result) && (!result.ok || /^\d{4}-\d{2}-\d{2}$/.test(result.value));
      }),
    );
  });
});

describe('readPastDate', () => {
  it('refuses a date after today with date.future', () => {
    expect(readPastDate('明天', TODAY)).toEqual({ ok: false, reason: 'date.future' });
    expect(readPastDate('这周五', TODAY)).toEqual({ ok: false, reason: 'date.future' });
    expect(readPastDate('2027-01-01', TODAY)).toEqual({ ok: false, reason: 'date.future' });
    expect(readPastDate('今天', TODAY)).toEqual({ ok: true, value: TODAY });
    expect(readPastDate('3月6日', TODAY)).toEqual({ ok: true, value: '2025-03-06' });
  });

  it('never returns a date after today', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = readPastDate(text, TODAY);
        return isWellFormed(result) && (!result.ok || result.value <= TODAY);
      }),
    );
  });
});

// Generated dates, written in each of the forms above, read back to the same day.
const DAY_MS = 86_400_000;
const TODAY_MS = Date.UTC(2026, 2, 5);
const dayBefore = (days: number) => new Date(TODAY_MS - days * DAY_MS);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const ymd = (date: Date) => [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const pad = (value: number) => String(value).padStart(2, '0');
const chineseYear = (year: number) => [...String(year)].map((d) => '〇一二三四五六七八九'.charAt(Number(d))).join('');

type Writing = (date: Date, daysAgo: number) => string;

const FULL_DATES: Record<string, Writing> = {
  'YYYY-MM-DD': (d) => iso(d),
  'YYYY.M.D': (d) => ymd(d).join('.'),
  'YYYY/M/D': (d) => ymd(d).join('/'),
  'YYYY年M月D日': (d) => `${ymd(d)[0]}年${ymd(d)[1]}月${ymd(d)[2]}日`,
  'YYYY年M月D号, full-width': (d) => toFullWidth(`${ymd(d)[0]}年${ymd(d)[1]}月${ymd(d)[2]}号`),
  'Chinese numerals': (d) => `${chineseYear(ymd(d)[0])}年${chineseNumeral(ymd(d)[1])}月${chineseNumeral(ymd(d)[2])}日`,
  YYYYMMDD: (d) => `${ymd(d)[0]}${pad(ymd(d)[1])}${pad(ymd(d)[2])}`,
  'D Mon YYYY': (d) => `${ymd(d)[2]} ${MONTHS[ymd(d)[1] - 1]} ${ymd(d)[0]}`,
  'Mon D, YYYY': (d) => `${MONTHS[ymd(d)[1] - 1]} ${ymd(d)[2]}, ${ymd(d)[0]}`,
};

const DATES_WITHOUT_YEAR: Record<string, Writing> = {
  'M月D日': (d) => `${ymd(d)[1]}月${ymd(d)[2]}日`,
  'M月D号': (d) => `${ymd(d)[1]}月${ymd(d)[2]}号`,
  'M/D': (d) => `${ymd(d)[1]}/${ymd(d)[2]}`,
  'M.D': (d) => `${ymd(d)[1]}.${ymd(d)[2]}`,
  'M-D': (d) => `${ymd(d)[1]}-${ymd(d)[2]}`,
  'Mon D': (d) => `${MONTHS[ymd(d)[1] - 1]} ${ymd(d)[2]}`,
};

const RELATIVE: Record<string, Writing> = {
  'N天前': (_, n) => `${n}天前`,
  'Chinese N天前': (_, n) => `${chineseNumeral(n)}天前`,
  'N days ago': (_, n) => `${n} days ago`,
};

describe('reading back generated dates', () => {
  it.each(Object.entries(FULL_DATES))('any day since 1900 written %s', (_, write) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 45_000 }), (daysAgo) => {
        const date = dayBefore(daysAgo);
        expect(readDate(write(date, daysAgo), TODAY)).toEqual({ ok: true, value: iso(date) });
      }),
    );
  });

  it.each(Object.entries(DATES_WITHOUT_YEAR))('any day of the past year written %s', (_, write) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), (daysAgo) => {
        const date = dayBefore(daysAgo);
        expect(readDate(write(date, daysAgo), TODAY)).toEqual({ ok: true, value: iso(date) });
      }),
    );
  });

  it.each(Object.entries(RELATIVE))('any of the last 99 days written %s', (_, write) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), (daysAgo) => {
        const date = dayBefore(daysAgo);
        expect(readDate(write(date, daysAgo), TODAY)).toEqual({ ok: true, value: iso(date) });
      }),
    );
  });

  it('any day of this week or the last, written 本周X / 上周X', () => {
    // 2026-03-05 is a Thursday: this week began on Monday 2026-03-02.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.constantFrom('周', '星期', '礼拜'), (daysAgo, week) => {
        const date = dayBefore(daysAgo);
        const weekday = WEEKDAYS[date.getUTCDay()] ?? '';
        const written = daysAgo <= 3 ? `本${week}${weekday}` : `上${week}${weekday}`;
        expect(readDate(written, TODAY)).toEqual({ ok: true, value: iso(date) });
      }),
    );
  });

  it('any day of last month written 上个月D号', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 28 }), fc.constantFrom('号', '日'), (day, mark) => {
        expect(readDate(`上个月${day}${mark}`, TODAY)).toEqual({ ok: true, value: `2026-02-${pad(day)}` });
      }),
    );
  });
});

describe('findDate', () => {
  it.each([
    ['3月1日入住', 0, '3月1日', '2026-03-01'],
    ['上个月15号入住', 0, '上个月15号', '2026-02-15'],
    ['2022.12.1搬进来', 0, '2022.12.1', '2022-12-01'],
    ['张三 3-2-502 13812345678 昨天入住', 23, '昨天', '2026-03-04'],
    ['李四 440603199001011233 3/1入住', 22, '3/1', '2026-03-01'],
    ['王五 3号楼502 15号入住', 10, '15号', '2026-02-15'],
    ['月租1500元，１２．１入住', 8, '１２．１', '2025-12-01'],
    ['租期2025.3.1-2026.2.28', 2, '2025.3.1', '2025-03-01'],
    ['2025-03-01-2026-02-28', 0, '2025-03-01', '2025-03-01'],
  ])('%j: at %i, %j', (line, index, text, value) => {
    expect(findDate(line, TODAY)).toEqual({ index, length: text.length, text, result: { ok: true, value } });
  });

  it.each(['张三 3-2-502 13812345678', '长庚里12号201', '3号楼502', '440603199001011233', '月租1500.5元', '体温36.5', '2025-3-1-5'])('finds no date in %j', (line) => {
    expect(findDate(line, TODAY)).toBeNull();
  });

  it('reports a day the calendar does not have', () => {
    expect(findDate('2月30日入住', TODAY)).toEqual({ index: 0, length: 5, text: '2月30日', result: { ok: false, reason: 'date.invalid' } });
  });

  it('never throws, and its text is where its index says', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const found = findDate(text, TODAY);
        return found === null || (isWellFormed(found.result) && text.slice(found.index, found.index + found.length) === found.text);
      }),
    );
  });
});
