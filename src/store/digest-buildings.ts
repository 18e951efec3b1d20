import type { Queryable } from './db.ts';
import { currentRoomOf } from './digest-rows.ts';
import { idRanges } from './digest-scope.ts';

/**
 * The buildings of a staff member's scope, and the building each person lives in: what the digest's
 * chart counts per building. Only names and ids are read.
 */

export interface ScopeBuilding {
  id: number;
  site: string;
  name: string;
}

/** The buildings among these areas, in the order people count them: by site, then 2栋 before 10栋. */
export async function buildingsAmong(q: Queryable, areaIds: readonly number[]): Promise<ScopeBuilding[]> {
  if (areaIds.length === 0) return [];
  const rows = await q.query<{ id: number; site: string; name: string }>(
    `SELECT b.id, s.name AS site, b.name FROM areas b JOIN areas s ON s.id = b.parent_id
     WHERE b.kind = 'building' AND b.id <@ $1::int8multirange`,
    [idRanges(areaIds)],
  );
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  return rows.sort((a, b) => collator.compare(a.site, b.site) || collator.compare(a.name, b.name) || a.id - b.id);
}

/**
 * The building of each person's current room (the same room the digest places them by); a person
 * with no room, or a room outside any building, is not in the map.
 */
export async function buildingsOfPeople(q: Queryable, personIds: readonly number[]): Promise<Map<number, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await q.query<{ person_id: number; building_id: number }>(
    // Each person's current room is one probe of an index (migration 024); each room is walked up once.
    `WITH RECURSIVE wanted AS (
       SELECT w.person_id, cr.room_id FROM unnest($1::bigint[]) AS w(person_id)
       CROSS JOIN LATERAL (SELECT ${currentRoomOf('w.person_id')} AS room_id) cr),
     up AS (
       SELECT a.id AS room_id, a.id, a.parent_id, a.kind FROM areas a WHERE a.id IN (SELECT room_id FROM wanted)
       UNION ALL
       SELECT up.room_id, a.id, a.parent_id, a.kind FROM up JOIN areas a ON a.id = up.parent_id WHERE up.kind <> 'building')
     SELECT wanted.person_id, up.id AS building_id FROM wanted JOIN up USING (room_id) WHERE up.kind = 'building'`,
    [[...new Set(personIds)]],
  );
  return new Map(rows.map((row) => [row.person_id, row.building_id]));
}
