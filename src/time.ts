import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** The calendar day ('YYYY-MM-DD') that `instant` falls on in `timeZone`. */
export function localDay(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd');
}

/** The instant of a wall-clock time ('YYYY-MM-DD', hour, minute) in `timeZone`. */
export function localInstant(day: string, hour: number, minute: number, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(new TZDate(year ?? 1970, (month ?? 1) - 1, date ?? 1, hour, minute, 0, timeZone).getTime());
}

/** 'YYYY-MM-DD HH:mm' of an instant in `timeZone`. */
export function localMinute(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd HH:mm');
}
