import type { Room } from '../dialogs/answers/index.ts';
import { toHalfWidth } from '../dialogs/answers/index.ts';
import type { RoomCheck } from '../dialogs/answer-kinds.ts';
import type { Queryable } from './db.ts';

/**
 * The rooms of one site as they are known, to check an address a resident gives and to find the
 * room's area. A site whose rooms are not known accepts any address.
 */
export interface RoomDirectory {
  siteId: number;
  check(room: Room): RoomCheck;
  /** The room's area id, when the address names a known room. */
  resolve(room: Room): number | null;
}

interface PlaceRow extends Record<string, unknown> {
  id: number;
  parent_id: number;
  kind: 'building' | 'unit' | 'room';
  name: string;
}

interface KnownRoom {
  id: number;
  building: PlaceRow;
  unit: PlaceRow | null;
  room: PlaceRow;
}

/** '3栋' -> '3', '2单元' -> '2', 'B座' -> 'B', '502' -> '502': the label people write. */
export function labelOf(name: string): string {
  const match = /[A-Za-z]?\d+[A-Za-z]?|[A-Za-z]/.exec(toHalfWidth(name));
  return (match?.[0] ?? name).toUpperCase();
}

/** The site that an area lies in (the area itself when it is one). */
export async function siteOf(q: Queryable, areaId: number): Promise<number | null> {
  const rows = await q.query<{ id: number }>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id, kind FROM areas WHERE id = $1
       UNION ALL SELECT a.id, a.parent_id, a.kind FROM areas a JOIN up ON a.id = up.parent_id)
     SELECT id FROM up WHERE kind = 'site'`,
    [areaId],
  );
  return rows[0]?.id ?? null;
}

export async function loadRoomDirectory(q: Queryable, siteId: number): Promise<RoomDirectory> {
  const rows = await q.query<PlaceRow>(
    `WITH RECURSIVE down AS (
       SELECT id, parent_id, kind, name FROM areas WHERE parent_id = $1
       UNION ALL SELECT a.id, a.parent_id, a.kind, a.name FROM areas a JOIN down ON a.parent_id = down.id)
     SELECT * FROM down WHERE kind IN ('building', 'unit', 'room')`,
    [siteId],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const rooms: KnownRoom[] = [];
  for (const row of rows) {
    if (row.kind !== 'room') continue;
    const parent = byId.get(row.parent_id);
    if (!parent) continue;
    const unit = parent.kind === 'unit' ? parent : null;
    const building = unit ? byId.get(unit.parent_id) : parent;
    if (building?.kind === 'building') rooms.push({ id: row.id, building, unit, room: row });
  }
  const buildingsWithRooms = new Set(rooms.map((r) => r.building.id));

  const matches = (known: KnownRoom, room: Room) =>
    labelOf(known.building.name) === (room.building ?? '').toUpperCase() &&
    (room.unit === null || known.unit === null || labelOf(known.unit.name) === room.unit.toUpperCase()) &&
    labelOf(known.room.name) === (room.room ?? '').toUpperCase();

  const find = (room: Room): KnownRoom | undefined => {
    const found = rooms.filter((known) => matches(known, room));
    return found.length === 1 ? found[0] : undefined;
  };

  const describe = (known: KnownRoom) => `${known.building.name}${known.unit?.name ?? ''}${known.room.name}`;

  const nearest = (room: Room): KnownRoom | undefined => {
    const inBuilding = rooms.filter((known) => labelOf(known.building.name) === (room.building ?? '').toUpperCase());
    const candidates = inBuilding.length > 0 ? inBuilding : rooms;
    const wanted = Number.parseInt(room.room ?? '', 10);
    let best: KnownRoom | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const known of candidates) {
      const unitPenalty = room.unit && known.unit && labelOf(known.unit.name) !== room.unit.toUpperCase() ? 1000 : 0;
      const distance = Math.abs(Number.parseInt(labelOf(known.room.name), 10) - wanted) + unitPenalty;
      if (distance < bestDistance) {
        best = known;
        bestDistance = distance;
      }
    }
    return best;
  };

  const buildingKnown = (room: Room) =>
    rooms.some((known) => labelOf(known.building.name) === (room.building ?? '').toUpperCase());

  return {
    siteId,
    check(room) {
      if (rooms.length === 0) return { exists: true };
      // A building whose rooms nobody listed yet cannot be checked.
      const building = rows.find((row) => row.kind === 'building' && labelOf(row.name) === (room.building ?? '').toUpperCase());
      if (building && !buildingsWithRooms.has(building.id)) return { exists: true };
      if (find(room)) return { exists: true };
      const suggestion = buildingKnown(room) || !building ? nearest(room) : undefined;
      return { exists: false, suggestion: suggestion ? describe(suggestion) : null };
    },
    resolve(room) {
      return find(room)?.id ?? null;
    },
  };
}
