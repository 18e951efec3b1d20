import type { Queryable } from './db.ts';

/**
 * The households a group reaches: the rooms below its place where someone lives now. A
 * household has acknowledged a notice when any one of its members has.
 */
export interface ChatHouseholds {
  households: number;
  acknowledgedHouseholds: number;
  persons: number;
  acknowledgedPersons: number;
  /** The rooms nobody has acknowledged from, by room number below the chat's place (never a name). */
  unacknowledgedRooms: string[];
  /** The rooms themselves, so that a notice's totals count a household reached by two groups once. */
  roomIds: number[];
  acknowledgedRoomIds: number[];
}

interface OccupantRow extends Record<string, unknown> {
  room_id: number;
  person_id: number;
  label: string;
  acknowledged: boolean;
}

/** The rooms below an area with their current occupants, each room labelled by its path below the area. */
export async function chatHouseholds(q: Queryable, noticeId: number, chatId: number, areaId: number): Promise<ChatHouseholds> {
  const rows = await q.query<OccupantRow>(
    `WITH RECURSIVE down AS (
       SELECT id, kind, ''::text AS label FROM areas WHERE id = $2
       UNION ALL
       SELECT a.id, a.kind, down.label || a.name FROM areas a JOIN down ON a.parent_id = down.id
     )
     SELECT DISTINCT o.room_id, o.person_id, down.label,
            EXISTS (SELECT 1 FROM acknowledgements k WHERE k.notice_id = $1 AND k.person_id = o.person_id) AS acknowledged
     FROM occupancies o JOIN down ON down.id = o.room_id
     WHERE down.kind = 'room' AND (o.until IS NULL OR o.until >= current_date)
     ORDER BY down.label`,
    [noticeId, areaId],
  );
  const rooms = new Map<number, { label: string; acknowledged: boolean }>();
  const persons = new Set<number>();
  for (const row of rows) {
    persons.add(row.person_id);
    const room = rooms.get(row.room_id) ?? { label: row.label, acknowledged: false };
    room.acknowledged ||= row.acknowledged;
    rooms.set(row.room_id, room);
  }
  const ackedHere = await q.query<{ n: number }>(
    `SELECT count(DISTINCT person_id)::int AS n FROM acknowledgements
     WHERE notice_id = $1 AND (chat_id = $2 OR person_id = ANY($3::bigint[]))`,
    [noticeId, chatId, [...persons]],
  );
  const acknowledgedPersons = ackedHere[0]?.n ?? 0;
  const all = [...rooms.values()];
  const entries = [...rooms.entries()];
  return {
    roomIds: entries.map(([id]) => id),
    acknowledgedRoomIds: entries.filter(([, room]) => room.acknowledged).map(([id]) => id),
    households: all.length,
    acknowledgedHouseholds: all.filter((room) => room.acknowledged).length,
    persons: Math.max(persons.size, acknowledgedPersons),
    acknowledgedPersons,
    unacknowledgedRooms: all.filter((room) => !room.acknowledged).map((room) => room.label),
  };
}

/** How many households live below these areas now: what a notice will reach. */
export async function householdsBelow(q: Queryable, areaIds: readonly number[]): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `WITH RECURSIVE down AS (
       SELECT id, kind FROM areas WHERE id = ANY($1::bigint[])
       UNION
       SELECT a.id, a.kind FROM areas a JOIN down ON a.parent_id = down.id
     )
     SELECT count(DISTINCT o.room_id)::int AS n FROM occupancies o JOIN down ON down.id = o.room_id
     WHERE down.kind = 'room' AND (o.until IS NULL OR o.until >= current_date)`,
    [areaIds],
  );
  return rows[0]?.n ?? 0;
}
