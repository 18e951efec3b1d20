import { TZDate } from '@date-fns/tz';
import type { Queryable } from '../../../store/db.ts';

/**
 * The daily count of messages of the bot's WeChat account, kept in the store so that a restart
 * does not give the account a fresh day. A day is the community's calendar day.
 */

/** Counts one send against the day; false when the day's cap is reached (and nothing is counted). */
export async function takeDailySend(q: Queryable, account: string, day: string, cap: number): Promise<boolean> {
  if (cap <= 0) return false;
  const rows = await q.query(
    `INSERT INTO wechat_daily_sends AS d (account, day, sent) VALUES ($1, $2, 1)
     ON CONFLICT (account, day) DO UPDATE SET sent = d.sent + 1 WHERE d.sent < $3
     RETURNING sent`,
    [account, day, cap],
  );
  return rows.length > 0;
}

/** Gives back a counted send that certainly did not go out. */
export async function returnDailySend(q: Queryable, account: string, day: string): Promise<void> {
  await q.query('UPDATE wechat_daily_sends SET sent = sent - 1 WHERE account = $1 AND day = $2 AND sent > 0', [account, day]);
}

export async function dailySends(q: Queryable, account: string, day: string): Promise<number> {
  const rows = await q.query<{ sent: number }>('SELECT sent FROM wechat_daily_sends WHERE account = $1 AND day = $2', [account, day]);
  return rows[0]?.sent ?? 0;
}

/** How long from `now` until the next midnight in the time zone. */
export function untilNextMidnight(now: Date, timeZone: string): number {
  const local = new TZDate(now.getTime(), timeZone);
  const midnight = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, timeZone);
  return midnight.getTime() - now.getTime();
}
