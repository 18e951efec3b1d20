import { areaPath, type AreaKind } from './areas.ts';
import { maybeOne, one, type Queryable } from './db.ts';

export const staffRoles = ['admin', 'committee', 'grid_worker', 'building_leader', 'property_manager', 'market_manager'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** A staff role reaches either an area (and all below it) or a grid (and all its areas): never both. */
export type StaffScopeKey = { areaId: number; gridId?: undefined } | { gridId: number; areaId?: undefined };

export type StaffKey = { personId: number; role: StaffRole } & StaffScopeKey;

export type StaffScope =
  | { kind: 'area'; areaId: number; areaKind: AreaKind; path: string[] }
  | { kind: 'grid'; gridId: number; communityId: number; name: string };

export interface StaffRecord {
  id: number;
  personId: number;
  role: StaffRole;
  scope: StaffScope;
}

/** The staff row for this person, role and scope, created when missing. */
export async function ensureStaff(q: Queryable, key: StaffKey): Promise<number> {
  const areaId = key.areaId ?? null;
  const gridId = key.gridId ?? null;
  if ((areaId === null) === (gridId === null)) throw new Error('a staff role needs either an area or a grid as its scope');
  await q.query(
    `INSERT INTO staff (person_id, role, area_id, grid_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (person_id, role, (coalesce(area_id, 0)), (coalesce(grid_id, 0))) DO NOTHING`,
    [key.personId, key.role, areaId, gridId],
  );
  const row = await one<{ id: number }>(
    q,
    `SELECT id FROM staff WHERE person_id = $1 AND role = $2
       AND coalesce(area_id, 0) = coalesce($3::bigint, 0) AND coalesce(grid_id, 0) = coalesce($4::bigint, 0)`,
    [key.personId, key.role, areaId, gridId],
  );
  return row.id;
}

interface StaffRow extends Record<string, unknown> {
  id: number;
  person_id: number;
  role: StaffRole;
  area_id: number | null;
  area_kind: AreaKind | null;
  grid_id: number | null;
  grid_community_id: number | null;
  grid_name: string | null;
}

const staffSelect = `
  SELECT s.id, s.person_id, s.role, s.area_id, a.kind AS area_kind,
         s.grid_id, g.community_id AS grid_community_id, g.name AS grid_name
  FROM staff s LEFT JOIN areas a ON a.id = s.area_id LEFT JOIN grids g ON g.id = s.grid_id`;

async function toRecord(q: Queryable, row: StaffRow): Promise<StaffRecord> {
  let scope: StaffScope;
  if (row.area_id !== null && row.area_kind !== null) {
    scope = { kind: 'area', areaId: row.area_id, areaKind: row.area_kind, path: await areaPath(q, row.area_id) };
  } else if (row.grid_id !== null && row.grid_community_id !== null && row.grid_name !== null) {
    scope = { kind: 'grid', gridId: row.grid_id, communityId: row.grid_community_id, name: row.grid_name };
  } else {
    throw new Error(`staff ${row.id} has no scope`);
  }
  return { id: row.id, personId: row.person_id, role: row.role, scope };
}

/** Every role a person holds, each with the scope it reaches; none for a resident. */
export async function staffOf(q: Queryable, personId: number): Promise<StaffRecord[]> {
  const rows = await q.query<StaffRow>(`${staffSelect} WHERE s.person_id = $1 ORDER BY s.id`, [personId]);
  const records: StaffRecord[] = [];
  for (const row of rows) records.push(await toRecord(q, row));
  return records;
}

export async function getStaff(q: Queryable, id: number): Promise<StaffRecord | undefined> {
  const row = await maybeOne<StaffRow>(q, `${staffSelect} WHERE s.id = $1`, [id]);
  return row ? toRecord(q, row) : undefined;
}
