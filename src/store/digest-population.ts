import { z } from 'zod';
import type { Queryable } from './db.ts';
import type { DigestWindow } from './digest-rows.ts';
import { idRanges, type DigestScope } from './digest-scope.ts';

/**
 * Who lives in a staff member's scope, read in one pass over the whole community: the registered
 * residents (how many, how many new that day, per building for the chart) and the coverage of the
 * rooms at the end of the day and of the day before (rooms known, registered, marked empty, and
 * today's rooms left to knock on). A community has hundreds of thousands of residents: their rows
 * never leave Postgres, and each person's latest occupancy and first registration are read once.
 */

export interface ResidentTally {
  total: number;
  newToday: number;
}

export interface ResidentCounts extends ResidentTally {
  /** By the building of each one's current room; null for no room, or a room in no building. */
  byBuilding: Map<number | null, ResidentTally>;
}

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

export interface Population {
  residents: ResidentCounts;
  today: CoverageCounts;
  yesterday: CoverageCounts;
  /** The door-knock list: today's rooms with nobody registered and not marked empty. */
  unregisteredRooms: RoomLine[];
}

/** The room a person lived in at the end of a day ($day the day, $end its end): an index probe (migration 024). */
const roomAtEndOf = (person: string, day: string, end: string) => `(SELECT occ.room_id FROM occupancies occ
  WHERE occ.person_id = ${person} AND occ.created_at < ${end} AND (occ.until IS NULL OR occ.until > ${day}::date) ORDER BY occ.id DESC LIMIT 1)`;

/**
 * Everyone's latest occupancy and first registration, read in person order from the two indexes of
 * migration 024 and merged: the whole community, as a community-wide scope needs (its residents
 * include those whose place is not known).
 */
const everyone = `latest AS (
    SELECT DISTINCT ON (person_id) person_id, room_id, until, created_at FROM occupancies ORDER BY person_id, id DESC),
  registered AS (
    SELECT DISTINCT ON (person_id) person_id, created_at AS first_at FROM reports
    WHERE form_id = 'registration' AND created_at < $4 ORDER BY person_id, created_at)`;

/**
 * The same for a smaller scope, for only the people who ever had an occupancy in one of its areas:
 * whoever lived there on either day is among them. Each is read by index probes, so that a grid's
 * digest costs its own residents, not a pass over the community for each of hundreds of staff.
 */
const peopleOfScope = `candidates AS (
    SELECT DISTINCT o.person_id FROM areas a JOIN occupancies o ON o.room_id = a.id WHERE a.id <@ $1::int8multirange),
  latest AS (
    SELECT c.person_id, o.room_id, o.until, o.created_at FROM candidates c
    CROSS JOIN LATERAL (SELECT room_id, until, created_at FROM occupancies o WHERE o.person_id = c.person_id ORDER BY o.id DESC LIMIT 1) o),
  registered AS (
    SELECT c.person_id, f.first_at FROM candidates c
    CROSS JOIN LATERAL (SELECT min(x.created_at) AS first_at FROM reports x
                        WHERE x.form_id = 'registration' AND x.person_id = c.person_id AND x.created_at < $4) f
    WHERE f.first_at IS NOT NULL)`;

/**
 * Up to this many areas (a site of 2,000 rooms has about as many), a scope's people are read by
 * index probes; beyond it, one pass over the community costs less than probing each of them.
 */
const probedScopeAreas = 5_000;

/**
 * $1: the scope's areas (a multirange of ids), $2: whether people without a known place are in it,
 * $3: the day, $4: its end, $5: its start, $6: the day before, $7: that day's end.
 *
 * A person whose latest occupancy is open and began before yesterday's end is settled: that one room
 * is where they lived at the end of both days and where they live now, so the settled are counted
 * per room straight from the merge of the two indexes of migration 024. Only the others (who moved,
 * or arrived today) are looked up one by one for the room they had on each day (see digest-rows'
 * roomOnDayOf). The rooms are then joined to the scope's areas once, for both days' coverage and
 * for the residents per building. Postgres cannot tell how many people a scope of ranges holds:
 * filtering people by it first made it guess a few hundred and sort or probe them one by one.
 */
const populationSql = (people: string) => `
  WITH ${people},
  per_room AS MATERIALIZED (
    SELECT l.room_id, CASE WHEN l.until IS NOT NULL OR l.created_at >= $7 THEN r.person_id END AS mover,
           count(*) AS total, count(*) FILTER (WHERE r.first_at >= $5) AS new_today,
           bool_or(r.first_at < $7) AS registered_yesterday, min(r.first_at) AS first_at
    FROM registered r LEFT JOIN latest l ON l.person_id = r.person_id
    GROUP BY 1, 2),
  movers AS MATERIALIZED (
    SELECT m.first_at, ${roomAtEndOf('m.mover', '$3', '$4')} AS day_room,
           CASE WHEN m.first_at < $7 THEN ${roomAtEndOf('m.mover', '$6', '$7')} END AS yesterday_room,
           (SELECT occ.room_id FROM occupancies occ WHERE occ.person_id = m.mover AND occ.until IS NULL ORDER BY occ.id DESC LIMIT 1) AS current_room
    FROM per_room m WHERE m.mover IS NOT NULL),
  scoped AS MATERIALIZED (
    SELECT a.id, a.parent_id, a.kind, a.created_at, pr.total, pr.new_today, pr.registered_yesterday
    FROM areas a LEFT JOIN per_room pr ON pr.room_id = a.id AND pr.mover IS NULL
    WHERE a.id <@ $1::int8multirange),
  -- The building of a room is itself, its parent or its grandparent: the settled are summed per
  -- parent first (a few thousand), then those are looked up.
  settled AS (
    SELECT CASE WHEN kind = 'building' THEN id END AS building, CASE WHEN kind = 'building' THEN NULL ELSE parent_id END AS parent,
           sum(total) AS total, sum(new_today) AS new_today
    FROM scoped WHERE total > 0 GROUP BY 1, 2),
  residents AS (
    SELECT building_id, sum(total)::int AS total, sum(new_today)::int AS new_today FROM (
      SELECT coalesce(s.building, CASE WHEN up.kind = 'building' THEN up.id WHEN top.kind = 'building' THEN top.id END) AS building_id,
             s.total, s.new_today
      FROM settled s LEFT JOIN areas up ON up.id = s.parent LEFT JOIN areas top ON top.id = up.parent_id
      UNION ALL
      SELECT NULL, total, new_today FROM per_room WHERE room_id IS NULL AND mover IS NULL AND $2::boolean
      UNION ALL
      SELECT CASE WHEN a.kind = 'building' THEN a.id WHEN up.kind = 'building' THEN up.id WHEN top.kind = 'building' THEN top.id END,
             1, CASE WHEN m.first_at >= $5 THEN 1 ELSE 0 END
      FROM movers m LEFT JOIN areas a ON a.id = m.current_room LEFT JOIN areas up ON up.id = a.parent_id LEFT JOIN areas top ON top.id = up.parent_id
      WHERE m.day_room <@ $1::int8multirange OR (m.day_room IS NULL AND $2::boolean)) placed
    GROUP BY 1),
  rooms AS MATERIALIZED (
    SELECT r.id, r.parent_id, r.created_at < $7 AS known_yesterday,
           coalesce(r.total > 0, false) OR r.id IN (SELECT day_room FROM movers WHERE day_room IS NOT NULL) AS registered,
           coalesce(r.registered_yesterday, false) OR r.id IN (SELECT yesterday_room FROM movers WHERE yesterday_room IS NOT NULL) AS registered_yesterday,
           r.id IN (SELECT room_id FROM room_marks WHERE marked_at < $4) AS marked,
           r.id IN (SELECT room_id FROM room_marks WHERE marked_at < $7) AS marked_yesterday
    FROM scoped r WHERE r.kind = 'room' AND r.created_at < $4)
  SELECT (SELECT coalesce(json_agg(json_build_array(building_id, total, new_today)), '[]') FROM residents) AS residents,
         counts.*,
         (SELECT json_agg(json_build_object('site', s.name, 'building', b.name, 'room', coalesce(u.name, '') || r.name)
                 ORDER BY s.id, b.id, u.id NULLS FIRST, r.id)
          FROM rooms JOIN areas r ON r.id = rooms.id JOIN areas p ON p.id = rooms.parent_id
          LEFT JOIN areas u ON u.id = p.id AND p.kind = 'unit'
          JOIN areas b ON b.id = CASE WHEN p.kind = 'unit' THEN p.parent_id ELSE p.id END
          JOIN areas s ON s.id = b.parent_id
          WHERE NOT rooms.registered AND NOT rooms.marked) AS unregistered
  FROM (SELECT count(*)::int AS known, count(*) FILTER (WHERE registered)::int AS registered,
               count(*) FILTER (WHERE NOT registered AND marked)::int AS empty,
               count(*) FILTER (WHERE known_yesterday)::int AS known_yesterday,
               count(*) FILTER (WHERE known_yesterday AND registered_yesterday)::int AS registered_yesterday,
               count(*) FILTER (WHERE known_yesterday AND NOT registered_yesterday AND marked_yesterday)::int AS empty_yesterday
        FROM rooms) counts`;

const populationRow = z.object({
  residents: z.array(z.tuple([z.number().nullable(), z.number(), z.number()])),
  known: z.number(),
  registered: z.number(),
  empty: z.number(),
  known_yesterday: z.number(),
  registered_yesterday: z.number(),
  empty_yesterday: z.number(),
  unregistered: z.array(z.object({ site: z.string(), building: z.string(), room: z.string() })).nullable(),
});

/** The residents and coverage of a scope at the end of `today`, with `yesterday`'s coverage to compare. */
export async function populationOf(q: Queryable, scope: DigestScope, today: DigestWindow, yesterday: DigestWindow): Promise<Population> {
  const people = !scope.communityWide && scope.areaIds.length <= probedScopeAreas ? peopleOfScope : everyone;
  const rows = await q.query(populationSql(people), [
    idRanges(scope.areaIds),
    scope.communityWide,
    today.day,
    today.end,
    today.start,
    yesterday.day,
    yesterday.end,
  ]);
  const row = populationRow.parse(rows[0]);
  const byBuilding = new Map<number | null, ResidentTally>();
  let total = 0;
  let newToday = 0;
  for (const [building, count, fresh] of row.residents) {
    byBuilding.set(building, { total: count, newToday: fresh });
    total += count;
    newToday += fresh;
  }
  return {
    residents: { total, newToday, byBuilding },
    today: { roomsKnown: row.known, roomsRegistered: row.registered, roomsEmpty: row.empty },
    yesterday: { roomsKnown: row.known_yesterday, roomsRegistered: row.registered_yesterday, roomsEmpty: row.empty_yesterday },
    unregisteredRooms: row.unregistered ?? [],
  };
}
