import { t } from '../dialogs/messages/index.ts';
import type { Queryable } from '../store/db.ts';

/**
 * What a person put under observation is told, privately: until when, and what the bot will ask
 * every morning. From the form (the date they arrived) or from staff (`linli observation start`).
 */
export function observationNotice(lang: string, observation: { by: 'report' | 'staff'; from: string; until: string; askAt: string }): string {
  return t(lang, observation.by === 'staff' ? 'observation.notice.staff' : 'observation.notice', observation);
}

/**
 * The notice for an observation the current transaction has just started for the person (a
 * registration that reports an arrival from outside); undefined when it started none. Rows written
 * in this transaction carry its start time as created_at.
 */
export async function newObservationNotice(q: Queryable, personId: number, lang: string, askAt: string): Promise<string | undefined> {
  const rows = await q.query<{ starts_on: string; ends_on: string }>(
    `SELECT to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
     FROM observations WHERE person_id = $1 AND source = 'report' AND created_at = now() ORDER BY id DESC LIMIT 1`,
    [personId],
  );
  const row = rows[0];
  return row ? observationNotice(lang, { by: 'report', from: row.starts_on, until: row.ends_on, askAt }) : undefined;
}
