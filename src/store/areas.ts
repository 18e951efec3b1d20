import { maybeOne, one, type Queryable } from './db.ts';
import { idRanges } from './id-ranges.ts';

/** The place tree: community > site > building > unit > room; grids overlay sites and buildings. */
export const areaKinds = ['community', 'site', 'building', 'unit', 'room'] as const;
export type AreaKind = (typeof areaKinds)[number];

export const siteKinds = ['compound', 'market', 'village'] as const;
export type SiteKind = (typeof siteKinds)[number];

/** Urban-village buildings have no units: their rooms hang from the building itself. */
const parentKinds: Record<AreaKind, readonly AreaKind[]> = {
  community: [],
  site: ['community'],
  building: ['site'],
  unit: ['building'],
  room: ['unit', 'building'],
};

export interface AreaRecord {
  id: number;
  parentId: number | null;
  kind: AreaKind;
  siteKind: SiteKind | null;
  name: string;
}

interface AreaRow extends Record<string, unknown> {
  id: number;
  parent_id: number | null;
  kind: AreaKind;
  site_kind: SiteKind | null;
  name: string;
}

const toRecord = (row: AreaRow): AreaRecord => ({
  id: row.id,
  parentId: row.parent_id,
  kind: row.kind,
  siteKind: row.site_kind,
  name: row.name,
});

export interface AreaKey {
  parentId: number | null;
  kind: AreaKind;
  name: string;
  /** Required for a site, absent for every other kind. */
  siteKind?: SiteKind;
}

// Must name the expression of the unique index areas_unique_name for Postgres to infer it.
const onNameConflict = 'ON CONFLICT ((coalesce(parent_id, 0)), kind, name) DO NOTHING';

async function assertParentFits(q: Queryable, parentId: number | null, kind: AreaKind): Promise<void> {
  const allowed = parentKinds[kind];
  if (parentId === null) {
    if (allowed.length > 0) throw new Error(`a ${kind} needs a parent (${allowed.join(' or ')})`);
    return;
  }
  if (allowed.length === 0) throw new Error(`a ${kind} has no parent`);
  const parent = await getArea(q, parentId);
  if (!parent) throw new Error(`no area ${parentId} to hold a ${kind}`);
  if (!allowed.includes(parent.kind)) throw new Error(`a ${kind} cannot be inside a ${parent.kind}`);
}

/** The id of the area with this parent, kind and name, created when missing; a site takes the given site kind. */
export async function ensureArea(q: Queryable, key: AreaKey): Promise<number> {
  if ((key.kind === 'site') !== (key.siteKind !== undefined)) {
    throw new Error(key.kind === 'site' ? `site ${key.name} needs a site kind` : `only a site has a site kind`);
  }
  await assertParentFits(q, key.parentId, key.kind);
  const siteKind = key.siteKind ?? null;
  const inserted = await maybeOne<{ id: number }>(
    q,
    `INSERT INTO areas (parent_id, kind, site_kind, name) VALUES ($1, $2, $3, $4) ${onNameConflict} RETURNING id`,
    [key.parentId, key.kind, siteKind, key.name],
  );
  if (inserted) return inserted.id;
  const existing = await findArea(q, key);
  if (!existing) throw new Error(`area ${key.name} vanished while being ensured`);
  if (existing.siteKind !== siteKind) {
    await q.query('UPDATE areas SET site_kind = $2 WHERE id = $1', [existing.id, siteKind]);
  }
  return existing.id;
}

/** Many children of one kind at once (the rooms of a unit): name → id, created when missing. */
export async function ensureChildren(
  q: Queryable,
  parentId: number,
  kind: Exclude<AreaKind, 'community' | 'site'>,
  names: readonly string[],
): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  await assertParentFits(q, parentId, kind);
  await q.query(`INSERT INTO areas (parent_id, kind, name) SELECT $1, $2, unnest($3::text[]) ${onNameConflict}`, [
    parentId,
    kind,
    names,
  ]);
  const rows = await q.query<{ id: number; name: string }>(
    'SELECT id, name FROM areas WHERE parent_id = $1 AND kind = $2 AND name = ANY($3::text[])',
    [parentId, kind, names],
  );
  return new Map(rows.map((row) => [row.name, row.id]));
}

export async function getArea(q: Queryable, id: number): Promise<AreaRecord | undefined> {
  const row = await maybeOne<AreaRow>(q, 'SELECT * FROM areas WHERE id = $1', [id]);
  return row ? toRecord(row) : undefined;
}

export async function findArea(q: Queryable, key: Omit<AreaKey, 'siteKind'>): Promise<AreaRecord | undefined> {
  const row = await maybeOne<AreaRow>(
    q,
    'SELECT * FROM areas WHERE coalesce(parent_id, 0) = coalesce($1::bigint, 0) AND kind = $2 AND name = $3',
    [key.parentId, key.kind, key.name],
  );
  return row ? toRecord(row) : undefined;
}

export async function findCommunity(q: Queryable, name: string): Promise<AreaRecord | undefined> {
  return findArea(q, { parentId: null, kind: 'community', name });
}

/** The children of an area in the order they were created (a setup file's order). */
export async function listChildren(q: Queryable, parentId: number, kind?: AreaKind): Promise<AreaRecord[]> {
  const rows = kind
    ? await q.query<AreaRow>('SELECT * FROM areas WHERE parent_id = $1 AND kind = $2 ORDER BY id', [parentId, kind])
    : await q.query<AreaRow>('SELECT * FROM areas WHERE parent_id = $1 ORDER BY id', [parentId]);
  return rows.map(toRecord);
}

/**
 * The area reached from `fromId` by following child names, e.g. ['保利紫山', '3栋', '2单元', '502'].
 * At each step any kind of child matches, so a building's rooms are found with or without units.
 */
export async function findAreaByPath(q: Queryable, fromId: number, names: readonly string[]): Promise<AreaRecord | undefined> {
  let current = await getArea(q, fromId);
  for (const name of names) {
    if (!current) return undefined;
    const row = await maybeOne<AreaRow>(q, 'SELECT * FROM areas WHERE parent_id = $1 AND name = $2 ORDER BY id LIMIT 1', [
      current.id,
      name,
    ]);
    current = row ? toRecord(row) : undefined;
  }
  return current;
}

/** The names from the community down to the area, e.g. ['幸福社区', '保利紫山', '3栋', '2单元', '502']. */
export async function areaPath(q: Queryable, id: number): Promise<string[]> {
  const rows = await q.query<{ name: string }>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id, name, 0 AS depth FROM areas WHERE id = $1
       UNION ALL
       SELECT a.id, a.parent_id, a.name, up.depth + 1 FROM areas a JOIN up ON a.id = up.parent_id
     )
     SELECT name FROM up ORDER BY depth DESC`,
    [id],
  );
  return rows.map((row) => row.name);
}

/**
 * The communities the given places lie in (the top of each one's tree), in id order. The places go
 * as ranges of ids (a community's staff see hundreds of thousands of areas), and only the topmost
 * of them, whose parent is not among them, are walked up.
 */
export async function communitiesOf(q: Queryable, areaIds: readonly number[]): Promise<number[]> {
  if (areaIds.length === 0) return [];
  const rows = await q.query<{ id: number }>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id FROM areas
       WHERE id <@ $1::int8multirange AND (parent_id IS NULL OR NOT parent_id <@ $1::int8multirange)
       UNION SELECT a.id, a.parent_id FROM areas a JOIN up ON a.id = up.parent_id)
     SELECT id FROM up WHERE parent_id IS NULL ORDER BY id`,
    [idRanges(areaIds)],
  );
  return rows.map((row) => row.id);
}

/**
 * The area itself and every area below it: what a staff member scoped to it may see. Read a level
 * at a time, each level the children of the one above through the index on parent_id: a recursive
 * query probed that index once per area, hundreds of thousands of times for a community.
 */
export async function descendantIds(q: Queryable, areaId: number): Promise<number[]> {
  const root = await q.query<{ id: number }>('SELECT id FROM areas WHERE id = $1', [areaId]);
  const ids: number[] = root.map((row) => row.id);
  // One array per level rather than a row per area: a community has hundreds of thousands of them.
  for (let level = ids; level.length > 0; ) {
    const rows = await q.query<{ ids: (string | number)[] }>(
      "SELECT coalesce(array_agg(id), '{}') AS ids FROM areas WHERE parent_id = ANY($1::bigint[])",
      [level],
    );
    level = (rows[0]?.ids ?? []).map(Number);
    for (const id of level) ids.push(id);
  }
  return ids.sort((a, b) => a - b);
}

export interface GridRecord {
  id: number;
  communityId: number;
  name: string;
}

export async function ensureGrid(q: Queryable, communityId: number, name: string): Promise<number> {
  const community = await getArea(q, communityId);
  if (community?.kind !== 'community') throw new Error(`grid ${name} must belong to a community, not area ${communityId}`);
  await q.query('INSERT INTO grids (community_id, name) VALUES ($1, $2) ON CONFLICT (community_id, name) DO NOTHING', [
    communityId,
    name,
  ]);
  const row = await one<{ id: number }>(q, 'SELECT id FROM grids WHERE community_id = $1 AND name = $2', [communityId, name]);
  return row.id;
}

export async function findGrid(q: Queryable, communityId: number, name: string): Promise<GridRecord | undefined> {
  const row = await maybeOne<{ id: number; community_id: number; name: string }>(
    q,
    'SELECT id, community_id, name FROM grids WHERE community_id = $1 AND name = $2',
    [communityId, name],
  );
  return row ? { id: row.id, communityId: row.community_id, name: row.name } : undefined;
}

export async function getGrid(q: Queryable, id: number): Promise<GridRecord | undefined> {
  const row = await maybeOne<{ id: number; community_id: number; name: string }>(
    q,
    'SELECT id, community_id, name FROM grids WHERE id = $1',
    [id],
  );
  return row ? { id: row.id, communityId: row.community_id, name: row.name } : undefined;
}

/** Makes the grid cover exactly these areas: the ones not listed leave it, the new ones join. */
export async function setGridAreas(q: Queryable, gridId: number, areaIds: readonly number[]): Promise<void> {
  await q.query('DELETE FROM grid_areas WHERE grid_id = $1 AND NOT (area_id = ANY($2::bigint[]))', [gridId, areaIds]);
  await q.query(
    `INSERT INTO grid_areas (grid_id, area_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT (grid_id, area_id) DO NOTHING`,
    [gridId, areaIds],
  );
}

export async function gridAreaIds(q: Queryable, gridId: number): Promise<number[]> {
  const rows = await q.query<{ area_id: number }>('SELECT area_id FROM grid_areas WHERE grid_id = $1 ORDER BY area_id', [
    gridId,
  ]);
  return rows.map((row) => row.area_id);
}
