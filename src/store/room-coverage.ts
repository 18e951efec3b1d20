import { z } from 'zod';
import type { Queryable } from './db.ts';

/**
 * Coverage of the rooms of a staff member's scope at the end of a day: the rooms known, those with
 * someone registered living there, those marked empty, and (for today) the rooms left to knock on.
 * One statement over the whole community, whatever the scope: each person's room and registration
 * are read in person order from two indexes (migration 024) and merged, the rooms counted once;
 * the scope then limits the rooms. Filtering people by the scope first made Postgres guess a few
 * hundred of them and look up registrations one person at a time.
 */

export interface CoverageCounts {
  roomsKnown: number;
  roomsRegistered: number;
  /** Marked empty or away, and nobody registered there. */
  roomsEmpty: number;
}

export interface RoomLine {
  site: string;
  building: string;
  /** 1单元101, or 201 where the building has no units. */
  room: string;
}

const roomLines = z.array(z.object({ site: z.string(), building: z.string(), room: z.string() })).nullable();

/** $1: the scope's areas (a multirange of ids), $2: the day's end, $3: the day. */
const coverageSql = (withRooms: boolean) => `
  WITH lives_at AS (
    SELECT DISTINCT ON (person_id) person_id, room_id FROM occupancies
    WHERE created_at < $2 AND (until IS NULL OR until > $3::date) ORDER BY person_id, id DESC),
  registered AS (SELECT DISTINCT person_id FROM reports WHERE form_id = 'registration' AND created_at < $2),
  counted AS (SELECT DISTINCT l.room_id FROM lives_at l JOIN registered USING (person_id) WHERE l.room_id IS NOT NULL),
  rooms AS MATERIALIZED (
    SELECT r.id, r.parent_id, counted.room_id IS NOT NULL AS registered,
           EXISTS (SELECT 1 FROM room_marks m WHERE m.room_id = r.id AND m.marked_at < $2) AS marked
    FROM areas r LEFT JOIN counted ON counted.room_id = r.id
    WHERE r.kind = 'room' AND r.id <@ $1::int8multirange AND r.created_at < $2)
  SELECT (SELECT count(*)::int FROM rooms) AS known,
         (SELECT count(*)::int FROM rooms WHERE registered) AS registered,
         (SELECT count(*)::int FROM rooms WHERE NOT registered AND marked) AS empty,
         ${
           withRooms
             ? `(SELECT json_agg(json_build_object('site', s.name, 'building', b.name, 'room', coalesce(u.name, '') || r.name)
                  ORDER BY s.id, b.id, u.id NULLS FIRST, r.id)
                FROM rooms JOIN areas r ON r.id = rooms.id JOIN areas p ON p.id = rooms.parent_id
                LEFT JOIN areas u ON u.id = p.id AND p.kind = 'unit'
                JOIN areas b ON b.id = CASE WHEN p.kind = 'unit' THEN p.parent_id ELSE p.id END
                JOIN areas s ON s.id = b.parent_id
                WHERE NOT rooms.registered AND NOT rooms.marked)`
             : 'NULL::json'
         } AS unregistered`;

/** The counts at the end of a day ($2 its end, $3 the day) and, when asked for, the rooms nobody is registered in. */
export async function roomCoverage(
  q: Queryable,
  areas: string,
  end: Date,
  day: string,
  options: { withRooms: boolean },
): Promise<{ counts: CoverageCounts; unregistered: RoomLine[] }> {
  const rows = await q.query<{ known: number; registered: number; empty: number; unregistered: unknown }>(coverageSql(options.withRooms), [areas, end, day]);
  const row = rows[0];
  return {
    counts: { roomsKnown: row?.known ?? 0, roomsRegistered: row?.registered ?? 0, roomsEmpty: row?.empty ?? 0 },
    unregistered: roomLines.parse(row?.unregistered ?? null) ?? [],
  };
}
