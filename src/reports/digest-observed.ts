import { differenceInCalendarDays, parseISO } from 'date-fns';
import { t, type MessageKey } from '../dialogs/messages/index.ts';
import type { DigestRows } from '../store/digest-rows.ts';
import type { DigestPerson } from './digest.ts';

/**
 * The people under observation on the digest's day, as staff see them: the name, where they live,
 * the dates and what day of it this is. Never an ID number or a phone.
 */
export interface ObservedLine extends DigestPerson {
  from: string;
  until: string;
  /** Day N of the observation on the digest's day (the day they arrived is day 0). */
  dayOf: number;
  byStaff: boolean;
}

export function observedLines(rows: DigestRows, day: string): ObservedLine[] {
  return rows.observed
    .map((row) => ({
      name: row.name,
      place: row.place,
      from: row.from,
      until: row.until,
      dayOf: differenceInCalendarDays(parseISO(day), parseISO(row.from)),
      byStaff: row.source === 'staff',
    }))
    .sort((a, b) => a.until.localeCompare(b.until) || (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN'));
}

/** The line of one observed person in the digest's text, after who they are. */
export const observedText = (lang: string, person: ObservedLine): string =>
  t(lang, 'digest.observed.line', { until: person.until, day: person.dayOf }) + (person.byStaff ? t(lang, 'digest.observed.byStaff') : '');

/** The workbook's sheet of the observed: its name, header and rows. */
export function observedSheet(lang: string, people: readonly ObservedLine[], placeCells: (person: DigestPerson) => (string | number | null)[]) {
  const say = (key: MessageKey) => t(lang, key);
  return {
    name: say('digest.file.sheet.observed'),
    header: [say('digest.file.col.name'), say('digest.file.col.site'), say('digest.file.col.place'), say('digest.file.col.from'), say('digest.file.col.until'), say('digest.file.col.source')],
    rows: people.map((person) => [
      person.name ?? say('digest.unnamed'),
      ...placeCells(person),
      person.from,
      person.until,
      say(person.byStaff ? 'digest.file.source.staff' : 'digest.file.source.report'),
    ]),
    widths: [16, 14, 18, 12, 12, 12],
  };
}
