import type { Queryable } from './db.ts';

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

export async function observedPeopleOn(q: Queryable, roomCte: string, scope: [number[], boolean], day: string, end: Date): Promise<ObservedDigestRow[]> {
  const rows = await q.query<{ person_id: number; name: string | null; room_id: number | null; starts_on: string; ends_on: string; source: 'report' | 'staff' }>(
    `WITH ${roomCte}
     SELECT DISTINCT ON (o.person_id) o.person_id,
       coalesce(p.name, (SELECT display_name FROM accounts WHERE person_id = p.id AND display_name IS NOT NULL ORDER BY id LIMIT 1)) AS name,
       cr.room_id, to_char(o.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(o.ends_on, 'YYYY-MM-DD') AS ends_on, o.source
     FROM observations o JOIN persons p ON p.id = o.person_id LEFT JOIN current_room cr ON cr.person_id = o.person_id
     WHERE o.created_at < $4 AND o.starts_on <= $3 AND o.ends_on >= $3 AND (o.ended_early_on IS NULL OR o.ended_early_on > $3)
       AND (cr.room_id = ANY($1::bigint[]) OR (cr.room_id IS NULL AND $2::boolean))
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
