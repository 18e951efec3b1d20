import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** The calendar day ('YYYY-MM-DD') that `instant` falls on in `timeZone`. */
export function localDay(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd');
}
