/**
 * Calendar days for the date reader: local midnights, with all arithmetic done by date-fns, whose
 * day-based functions are safe across daylight-saving changes. (TZDate in UTC would make the host's
 * zone irrelevant too, but costs ten times as much for every step, and a reply must be quick.)
 */

import { addDays, addMonths, addWeeks, addYears, differenceInCalendarDays, format, isExists, startOfWeek } from 'date-fns';

export type Day = Date;

export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;

/** The day, or null when the calendar has no such day (2月30日) or the year is out of range. */
export function dayOf(year: number, month: number, day: number): Day | null {
  if (year < EARLIEST_YEAR || year > LATEST_YEAR || !isExists(year, month - 1, day)) return null;
  return new Date(year, month - 1, day);
}

/** Parses 'YYYY-MM-DD'; a malformed "today" is a programming error, not an answer to re-ask. */
export function parseToday(today: string): Day {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  const day = match ? dayOf(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  if (day === null) throw new RangeError(`today must be a real date written YYYY-MM-DD, got "${today}"`);
  return day;
}

export const formatDay = (day: Day): string => format(day, 'yyyy-MM-dd');

export interface DateContext {
  today: Day;
  /** Whether a date written without year (or week, or month) may be read as a coming one. */
  allowFuture: boolean;
}

/**
 * Picks among the occurrences of a date that leaves out its year, week or month: the most recent
 * one not after today, or, when the future is allowed, the nearest one (the past one on a tie).
 */
export function pickOccurrence(candidates: readonly (Day | null)[], context: DateContext): Day | null {
  const real = candidates.filter((candidate): candidate is Day => candidate !== null);
  const distance = (day: Day) => differenceInCalendarDays(day, context.today);
  if (!context.allowFuture) {
    const past = real.filter((day) => distance(day) <= 0);
    return past.reduce<Day | null>((best, day) => (best === null || distance(day) > distance(best) ? day : best), null);
  }
  return real.reduce<Day | null>((best, day) => {
    if (best === null) return day;
    const [d, b] = [Math.abs(distance(day)), Math.abs(distance(best))];
    return d < b || (d === b && distance(day) < distance(best)) ? day : best;
  }, null);
}

/** Month and day in the years around today, for pickOccurrence; eight years back reaches a 29 February. */
export function yearsAround(month: number, day: number, today: Day): (Day | null)[] {
  const year = today.getFullYear();
  return Array.from({ length: 10 }, (_, i) => dayOf(year + 1 - i, month, day));
}

/** A day of the month in the months around today, for pickOccurrence. */
export function monthsAround(dayOfMonth: number, today: Day): (Day | null)[] {
  return Array.from({ length: 4 }, (_, i) => {
    const month = addMonths(today, 1 - i);
    return dayOf(month.getFullYear(), month.getMonth() + 1, dayOfMonth);
  });
}

/** Weekday 1 (Monday) to 7 (Sunday) of the week `weeksFromNow` weeks from this one; weeks start on Monday. */
export function weekday(today: Day, weeksFromNow: number, isoWeekday: number): Day {
  const monday = startOfWeek(today, { weekStartsOn: 1 });
  return addDays(addWeeks(monday, weeksFromNow), isoWeekday - 1);
}

/** The day of month in the month `monthsFromNow` months from this one, or null if that month is too short. */
export function dayInMonth(today: Day, monthsFromNow: number, dayOfMonth: number): Day | null {
  const month = addMonths(today, monthsFromNow);
  return dayOf(month.getFullYear(), month.getMonth() + 1, dayOfMonth);
}

export function dayInYear(today: Day, yearsFromNow: number, month: number, dayOfMonth: number): Day | null {
  return dayOf(addYears(today, yearsFromNow).getFullYear(), month, dayOfMonth);
}
