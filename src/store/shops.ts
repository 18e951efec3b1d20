/**
 * Shops of a market: a roster of kind 'shop', owned by the shop owner, whose area is the market
 * site. Its versions are the staff list, kept by the roster flow. A shop counts once its first
 * list is confirmed.
 */

import type { FieldCipher } from '../privacy/index.ts';
import { getArea } from './areas.ts';
import { maybeOne, type Queryable } from './db.ts';
import { latestVersion, tenantsOf, type StoredRosterEntry } from './rosters.ts';
import type { StaffRecord } from './staff.ts';

export interface Shop {
  id: number;
  ownerPersonId: number;
  name: string;
  marketId: number;
}

interface ShopRow extends Record<string, unknown> {
  id: number;
  owner_person_id: number;
  name: string | null;
  area_id: number;
}

const toShop = (row: ShopRow): Shop => ({
  id: row.id,
  ownerPersonId: row.owner_person_id,
  name: row.name ?? '',
  marketId: row.area_id,
});

const shopColumns = 'r.id, r.owner_person_id, r.name, r.area_id';

/** The market site a chat serves: its bound place or a place above it that is a market. */
export async function marketOfChat(q: Queryable, areaId: number | null): Promise<number | undefined> {
  if (areaId === null) return undefined;
  const row = await maybeOne<{ id: number }>(
    q,
    `WITH RECURSIVE up AS (
       SELECT id, parent_id, site_kind FROM areas WHERE id = $1
       UNION ALL SELECT a.id, a.parent_id, a.site_kind FROM areas a JOIN up ON a.id = up.parent_id)
     SELECT id FROM up WHERE site_kind = 'market' LIMIT 1`,
    [areaId],
  );
  return row?.id;
}

export interface ShopKey {
  ownerPersonId: number;
  marketId: number;
  /** The name the owner gave; an existing shop is renamed to it. Null keeps the name it has. */
  name: string | null;
  /** The name a new shop gets when the owner gave none. */
  defaultName: string;
}

/** The owner's shop in this market, made on their first list; locked for this transaction. */
export async function ensureShop(q: Queryable, key: ShopKey): Promise<Shop> {
  const existing = await maybeOne<ShopRow>(
    q,
    `SELECT ${shopColumns} FROM rosters r WHERE r.owner_person_id = $1 AND r.kind = 'shop' AND r.area_id = $2
     ORDER BY r.id LIMIT 1 FOR UPDATE`,
    [key.ownerPersonId, key.marketId],
  );
  if (existing) {
    const shop = toShop(existing);
    return key.name !== null && key.name !== shop.name ? renameShop(q, shop, key.name) : shop;
  }
  const name = key.name ?? key.defaultName;
  const insert = (named: string) =>
    maybeOne<ShopRow>(
      q,
      `INSERT INTO rosters AS r (owner_person_id, kind, name, area_id) VALUES ($1, 'shop', $2, $3)
       ON CONFLICT (owner_person_id, kind, name) DO NOTHING RETURNING ${shopColumns}`,
      [key.ownerPersonId, named, key.marketId],
    );
  // An owner with a shop of that name in another market: this one says which market it is in.
  const created = (await insert(name)) ?? (await insert(`${name}（${(await getArea(q, key.marketId))?.name ?? key.marketId}）`));
  if (!created) throw new Error(`shop ${key.ownerPersonId}/${key.marketId} could not be named`);
  return toShop(created);
}

/** Renames the shop; a name the owner's other shop already has leaves it as it was. */
export async function renameShop(q: Queryable, shop: Shop, name: string): Promise<Shop> {
  const renamed = await q.query(
    `UPDATE rosters SET name = $2 WHERE id = $1
       AND NOT EXISTS (SELECT 1 FROM rosters o WHERE o.owner_person_id = $3 AND o.kind = 'shop' AND o.name = $2 AND o.id <> $1)
     RETURNING id`,
    [shop.id, name, shop.ownerPersonId],
  );
  return renamed.length > 0 ? { ...shop, name } : shop;
}

/** The shops a person owns, oldest first. */
export async function shopsOwnedBy(q: Queryable, personId: number): Promise<Shop[]> {
  const rows = await q.query<ShopRow>(
    `SELECT ${shopColumns} FROM rosters r WHERE r.owner_person_id = $1 AND r.kind = 'shop' ORDER BY r.id`,
    [personId],
  );
  return rows.map(toShop);
}

/** The owner's shop asked about their staff on `day`, in this market when one is given. */
export async function shopAskedOf(q: Queryable, ownerPersonId: number, day: string, marketId: number | null): Promise<Shop | undefined> {
  const row = await maybeOne<ShopRow>(
    q,
    `SELECT ${shopColumns} FROM shop_status_asks k JOIN rosters r ON r.id = k.roster_id
     WHERE r.owner_person_id = $1 AND r.kind = 'shop' AND k.day = $2 AND ($3::bigint IS NULL OR r.area_id = $3)
     ORDER BY r.id LIMIT 1`,
    [ownerPersonId, day, marketId],
  );
  return row ? toShop(row) : undefined;
}

/** Whether the person keeps a landlord's roster of tenants. */
export async function keepsTenantRoster(q: Queryable, personId: number): Promise<boolean> {
  const row = await maybeOne(q, `SELECT 1 FROM rosters WHERE owner_person_id = $1 AND kind = 'landlord' LIMIT 1`, [personId]);
  return row !== undefined;
}

/** Marks an open draft as the staff list of a shop, so that 确认 saves it there. */
export async function draftForShop(q: Queryable, draftId: number, shopId: number): Promise<void> {
  await q.query('UPDATE roster_drafts SET roster_id = $2 WHERE id = $1', [draftId, shopId]);
}

/** The shop whose staff list a draft is; undefined for a landlord's list. */
export async function shopOfDraft(q: Queryable, draftId: number): Promise<Shop | undefined> {
  const row = await maybeOne<ShopRow>(
    q,
    `SELECT ${shopColumns} FROM roster_drafts d JOIN rosters r ON r.id = d.roster_id AND r.kind = 'shop' WHERE d.id = $1`,
    [draftId],
  );
  return row ? toShop(row) : undefined;
}

/** The shops of these markets with a confirmed staff list, in the order they joined. */
export async function shopsOfMarkets(q: Queryable, marketIds: readonly number[]): Promise<Shop[]> {
  const rows = await q.query<ShopRow>(
    `SELECT ${shopColumns} FROM rosters r
     WHERE r.kind = 'shop' AND r.area_id = ANY($1::bigint[]) AND EXISTS (SELECT 1 FROM roster_versions v WHERE v.roster_id = r.id)
     ORDER BY r.area_id, r.id`,
    [marketIds],
  );
  return rows.map(toShop);
}

/** Every market site, for the morning question. */
export async function allMarkets(q: Queryable): Promise<number[]> {
  const rows = await q.query<{ id: number }>(`SELECT id FROM areas WHERE kind = 'site' AND site_kind = 'market' ORDER BY id`);
  return rows.map((row) => row.id);
}

/** How many people the shop's latest list has, without opening their numbers. */
export async function staffCount(q: Queryable, shopId: number): Promise<number> {
  const rows = await q.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM roster_entries e WHERE e.action <> 'remove' AND e.version_id =
       (SELECT v.id FROM roster_versions v WHERE v.roster_id = $1 ORDER BY v.version DESC LIMIT 1)`,
    [shopId],
  );
  return rows[0]?.count ?? 0;
}

export interface ShopStaff {
  versionId: number | null;
  staff: StoredRosterEntry[];
}

/** The people on the shop's latest list (those not recorded as gone). */
export async function staffOfShop(q: Queryable, cipher: FieldCipher, shopId: number): Promise<ShopStaff> {
  const latest = await latestVersion(q, shopId);
  if (!latest) return { versionId: null, staff: [] };
  return { versionId: latest.versionId, staff: await tenantsOf(q, cipher, latest.versionId) };
}

/**
 * The market sites a staff member's roles reach: markets at or below an area scope, and markets
 * at or below the areas of a grid.
 */
export async function marketsInScope(q: Queryable, roles: readonly StaffRecord[]): Promise<number[]> {
  const areaIds = roles.flatMap((role) => (role.scope.kind === 'area' ? [role.scope.areaId] : []));
  const gridIds = roles.flatMap((role) => (role.scope.kind === 'grid' ? [role.scope.gridId] : []));
  if (areaIds.length === 0 && gridIds.length === 0) return [];
  const rows = await q.query<{ id: number }>(
    `WITH RECURSIVE roots AS (
       SELECT unnest($1::bigint[]) AS id
       UNION SELECT area_id FROM grid_areas WHERE grid_id = ANY($2::bigint[])),
     down AS (
       SELECT a.id, a.site_kind FROM areas a JOIN roots ON roots.id = a.id
       -- Markets are sites: the walk goes no lower, where a community's rooms are.
       UNION SELECT a.id, a.site_kind FROM areas a JOIN down ON a.parent_id = down.id WHERE a.kind IN ('community', 'site'))
     SELECT DISTINCT id FROM down WHERE site_kind = 'market' ORDER BY id`,
    [areaIds, gridIds],
  );
  return rows.map((row) => row.id);
}
