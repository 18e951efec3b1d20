import type { Queryable } from './db.ts';
import { inScope, roomOnDayOf, type ScopeParams } from './digest-rows.ts';

/**
 * Who is under observation on a day, in a staff member's scope: names, where they live, and the
 * dates, as recorded by the day's end. No ID number or phone is read. $1, $2: the scope (see digest-rows); $3: the day, $4: its end.
 */
export interface ObservedDigestRow {
  personId: number;
  name: string | null;
  roomId: number | null;
  from: string;
  until: string;
  /** How the observation began: the resident's own registration, or staff by hand. */
  source: 'report' | 'staff';
}

export async function observedPeopleOn(q: Queryable, scope: ScopeParams, day: string, end: Date): Promise<ObservedDigestRow[]> {
  const rows = await q.query<{ person_id: number; name: string | null; room_id: number | null; starts_on: string; ends_on: string; source: 'report' | 'staff' }>(
    `SELECT DISTINCT ON (o.person_id) o.person_id,
       coalesce(p.name, (SELECT display_name FROM accounts WHERE person_id = p.id AND display_name IS NOT NULL ORDER BY id LIMIT 1)) AS name,
       cr.room_id, to_char(o.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(o.ends_on, 'YYYY-MM-DD') AS ends_on, o.source
     FROM observations o JOIN persons p ON p.id = o.person_id CROSS JOIN LATERAL (SELECT ${roomOnDayOf('o.person_id')} AS room_id) cr
     WHERE o.created_at < $4 AND o.starts_on <= $3 AND o.ends_on >= $3 AND (o.ended_early_on IS NULL OR o.ended_early_on > $3)
       AND ${inScope('cr.room_id')}
     ORDER BY o.person_id, o.ends_on DESC`,
    [...scope, day, end],
  );
  return rows.map((row) => ({
    personId: row.person_id,
    name: row.name,
    roomId: row.room_id,
    from: row.starts_on,
    until: row.ends_on,
    source: row.source,
  }));
}
