import type { Queryable } from './db.ts';
import { currentRoomOf, inScope, roomOnDayOf, type DigestWindow, type ScopeParams } from './digest-rows.ts';

/**
 * The registered residents of a staff member's scope on a day, counted in SQL: how many, how many
 * registered for the first time that day, and how many per building for the digest's chart. A
 * community has hundreds of thousands of them; their rows are never brought into the process.
 */

export interface ResidentTally {
  total: number;
  newToday: number;
}

export interface ResidentCounts extends ResidentTally {
  /** By the building of each one's current room; null for no room, or a room in no building. */
  byBuilding: Map<number | null, ResidentTally>;
}

/**
 * Whoever registered by the day's end ($4) and lived in the scope then (their room on the day,
 * see roomOnDayOf), counted by the building of their current room (see currentRoomOf): the same
 * rooms the rest of the digest places people by. Each person's latest occupancy is read once from
 * the index of migration 024; only someone whose latest occupancy has ended, or began after the
 * day, is looked up again for the room they had.
 */
export async function residentCounts(q: Queryable, scope: ScopeParams, window: DigestWindow): Promise<ResidentCounts> {
  const rows = await q.query<{ building_id: number | null; total: number; new_today: number }>(
    `WITH latest AS (
       SELECT DISTINCT ON (person_id) person_id, room_id, until, created_at FROM occupancies ORDER BY person_id, id DESC),
     -- Each person's first registration, the first entry under them in the index of migration 024:
     -- read in person order like their occupancies, the two are merged without hashing either.
     registered AS (
       SELECT DISTINCT ON (person_id) person_id, created_at AS first_at FROM reports
       WHERE form_id = 'registration' AND created_at < $4 ORDER BY person_id, created_at),
     placed AS (
       SELECT r.person_id, r.first_at,
         CASE WHEN l.until IS NULL AND l.created_at < $4 THEN l.room_id ELSE ${roomOnDayOf('r.person_id')} END AS day_room,
         CASE WHEN l.until IS NULL THEN l.room_id ELSE ${currentRoomOf('r.person_id')} END AS current_room
       FROM registered r LEFT JOIN latest l ON l.person_id = r.person_id),
     -- Counted per room first (a few hundred thousand rooms at most), then the rooms' buildings. The
     -- scope is a column of the count rather than a filter before it: Postgres cannot tell how many
     -- people a scope of ranges holds, and guessing few it sorted them all to count them.
     per_room AS (
       SELECT current_room, ${inScope('placed.day_room')} AS in_scope,
              count(*) AS total, count(*) FILTER (WHERE first_at >= $5) AS new_today
       FROM placed GROUP BY 1, 2)
     SELECT CASE WHEN a.kind = 'building' THEN a.id WHEN up.kind = 'building' THEN up.id WHEN top.kind = 'building' THEN top.id END AS building_id,
            sum(per_room.total)::int AS total, sum(per_room.new_today)::int AS new_today
     FROM per_room
     LEFT JOIN areas a ON a.id = per_room.current_room
     LEFT JOIN areas up ON up.id = a.parent_id
     LEFT JOIN areas top ON top.id = up.parent_id
     WHERE per_room.in_scope
     GROUP BY 1`,
    [...scope, window.day, window.end, window.start],
  );
  const byBuilding = new Map<number | null, ResidentTally>();
  let total = 0;
  let newToday = 0;
  for (const row of rows) {
    byBuilding.set(row.building_id, { total: row.total, newToday: row.new_today });
    total += row.total;
    newToday += row.new_today;
  }
  return { total, newToday, byBuilding };
}
