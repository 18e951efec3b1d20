import type { Queryable } from './db.ts';
import { siteOf } from './rooms.ts';

/** A room as a resident names it: 3栋1单元102, 96号201; with the labels a bare "102" is read against. */
export interface NamedRoom {
  roomId: number;
  siteId: number | null;
  /** The building's and the unit's names (3栋, 1单元); null unit where rooms have none. */
  building: string;
  unit: string | null;
  label: string;
}

const namedRoomSql = `SELECT r.id AS room_id, b.name AS building, u.name AS unit,
       b.name || coalesce(u.name, '') || r.name AS label
  FROM areas r JOIN areas p ON p.id = r.parent_id
  LEFT JOIN areas u ON u.id = p.id AND p.kind = 'unit'
  JOIN areas b ON b.id = CASE WHEN p.kind = 'unit' THEN p.parent_id ELSE p.id END
  WHERE r.kind = 'room'`;

interface NamedRow extends Record<string, unknown> {
  room_id: number;
  building: string;
  unit: string | null;
  label: string;
}

async function toNamed(q: Queryable, row: NamedRow | undefined): Promise<NamedRoom | undefined> {
  if (!row) return undefined;
  return { roomId: row.room_id, siteId: await siteOf(q, row.room_id), building: row.building, unit: row.unit, label: row.label };
}

export async function namedRoom(q: Queryable, roomId: number): Promise<NamedRoom | undefined> {
  return toNamed(q, (await q.query<NamedRow>(`${namedRoomSql} AND r.id = $1`, [roomId]))[0]);
}

/** The room a person lives in on `day` (the latest they registered), if it is a known room. */
export async function currentRoomOf(q: Queryable, personId: number, day: string): Promise<NamedRoom | undefined> {
  const rows = await q.query<NamedRow>(
    `${namedRoomSql} AND r.id = (SELECT o.room_id FROM occupancies o WHERE o.person_id = $1 AND o.room_id IS NOT NULL
       AND (o.until IS NULL OR o.until > $2::date) ORDER BY o.created_at DESC, o.id DESC LIMIT 1)`,
    [personId, day],
  );
  return toNamed(q, rows[0]);
}

/**
 * Marks a room empty or its household away, as a resident said: the latest word stands. A person
 * registered in the room later counts it all the same (the count prefers registrations).
 */
export async function markRoomByResident(
  q: Queryable,
  mark: { roomId: number; state: 'empty' | 'away'; personId: number; at: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO room_marks (room_id, state, source, person_id, marked_at) VALUES ($1, $2, 'resident', $3, $4)
     ON CONFLICT (room_id) DO UPDATE SET state = EXCLUDED.state, source = 'resident', person_id = EXCLUDED.person_id, marked_at = EXCLUDED.marked_at`,
    [mark.roomId, mark.state, mark.personId, mark.at],
  );
}
