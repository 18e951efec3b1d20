import type { RegistryRow } from '../dialogs/registry/row.ts';
import type { SiteKind } from './areas.ts';
import type { FieldCipher } from './crypto.ts';
import type { Queryable } from './db.ts';
import { rebuildFindKeys } from './find-index.ts';
import { SiteRooms } from './registry-rooms.ts';

/**
 * The registry's rows into the store, a batch at a time, each batch in set-based SQL: entries
 * upserted on (source, row key) so that a row imported again unchanged changes nothing, each entry
 * tied to its person (the one with its ID number, else the one with its name and phone, else a new
 * one; nobody's record is overwritten), and the find index of those persons rebuilt.
 */

export interface RegistryImportCounts {
  added: number;
  updated: number;
  unchanged: number;
  personsCreated: number;
  roomsAdded: number;
}

export const emptyCounts = (): RegistryImportCounts => ({ added: 0, updated: 0, unchanged: 0, personsCreated: 0, roomsAdded: 0 });

interface SiteRow extends Record<string, unknown> {
  id: number;
  name: string;
  site_kind: SiteKind;
}

/** Where a registry's rows go: the site named for the file, or the one a row's lane names. */
export class RegistrySites {
  private readonly loaded = new Map<number, SiteRooms>();

  private constructor(
    private readonly sites: SiteRow[],
    readonly defaultSite: SiteRow | null,
  ) {}

  static async load(q: Queryable, siteName: string | undefined): Promise<RegistrySites> {
    const sites = await q.query<SiteRow>("SELECT id, name, site_kind FROM areas WHERE kind = 'site' ORDER BY id");
    let defaultSite: SiteRow | null = null;
    if (siteName !== undefined) {
      defaultSite = sites.find((site) => site.name === siteName.trim()) ?? null;
      if (defaultSite === null) throw new Error(`no site named ${siteName}: the sites are ${sites.map((site) => site.name).join(', ') || 'none yet'}`);
    }
    return new RegistrySites(sites, defaultSite);
  }

  /** The site's ids that these areas count for: a staff member may import only rows of sites in scope. */
  siteIds(): number[] {
    return this.sites.map((site) => site.id);
  }

  async siteOf(q: Queryable, row: RegistryRow): Promise<SiteRooms | null> {
    const street = row.address.street;
    const site = (street === null ? undefined : this.sites.find((candidate) => candidate.name === street)) ?? this.defaultSite;
    if (site === null) return null;
    let rooms = this.loaded.get(site.id);
    if (!rooms) {
      rooms = await SiteRooms.load(q, { id: site.id, name: site.name, kind: site.site_kind });
      this.loaded.set(site.id, rooms);
    }
    return rooms;
  }
}

export interface RegistryBatchRow {
  row: RegistryRow;
  site: SiteRooms | null;
}

/** One batch of valid rows into the store; `source` names the system they came from. */
export async function importRegistryBatch(
  q: Queryable,
  cipher: FieldCipher,
  source: string,
  batch: readonly RegistryBatchRow[],
  counts: RegistryImportCounts,
): Promise<void> {
  if (batch.length === 0) return;
  for (const site of new Set(batch.map((item) => item.site))) {
    if (site) counts.roomsAdded += await site.addMissing(q, batch.filter((item) => item.site === site).map((item) => item.row.address));
  }
  // The same row twice in a batch is one entry (Postgres will not upsert a row twice in one statement).
  const byKey = new Map<string, { item: RegistryBatchRow; fingerprint: string }>();
  for (const item of batch) {
    const { row } = item;
    const fingerprint = cipher.hash('text', JSON.stringify(['registry', row.name, row.idNumber, row.phone, row.address.raw, item.site?.siteId ?? null]));
    byKey.set(row.ref !== null ? `ref:${row.ref}` : `row:${fingerprint}`, { item, fingerprint });
  }
  // A row imported again unchanged is counted and left alone before anything of it is encrypted.
  const stored = await q.query<{ row_key: string; fingerprint: string }>(
    'SELECT row_key, fingerprint FROM registry_entries WHERE source = $1 AND row_key = ANY($2::text[])',
    [source, [...byKey.keys()]],
  );
  for (const { row_key: rowKey, fingerprint } of stored) {
    if (byKey.get(rowKey)?.fingerprint !== fingerprint) continue;
    byKey.delete(rowKey);
    counts.unchanged += 1;
  }
  if (byKey.size === 0) return;
  // What is sealed here is indexed for find below: kept by its sealed text, it is not decrypted again.
  const plain = new Map<string, string>();
  const seal = (value: string | null): string | null => {
    if (value === null) return null;
    const sealed = cipher.encrypt(value);
    plain.set(sealed, value);
    return sealed;
  };
  const columns = {
    rowKey: [] as string[],
    fingerprint: [] as string[],
    ref: [] as (string | null)[],
    siteId: [] as (number | null)[],
    name: [] as string[],
    idEnc: [] as (string | null)[],
    idHash: [] as (string | null)[],
    phoneEnc: [] as (string | null)[],
    phoneHash: [] as (string | null)[],
    address: [] as string[],
    street: [] as (string | null)[],
    building: [] as (string | null)[],
    unit: [] as (string | null)[],
    room: [] as (string | null)[],
    roomId: [] as (number | null)[],
  };
  for (const [rowKey, { item, fingerprint }] of byKey) {
    const { row, site } = item;
    columns.rowKey.push(rowKey);
    columns.fingerprint.push(fingerprint);
    columns.ref.push(row.ref);
    columns.siteId.push(site?.siteId ?? null);
    columns.name.push(row.name);
    columns.idEnc.push(seal(row.idNumber));
    columns.idHash.push(row.idNumber === null ? null : cipher.hash('id', row.idNumber));
    columns.phoneEnc.push(seal(row.phone));
    columns.phoneHash.push(row.phone === null ? null : cipher.hash('phone', row.phone));
    columns.address.push(row.address.raw);
    columns.street.push(row.address.street ?? site?.siteName ?? null);
    columns.building.push(row.address.building);
    columns.unit.push(row.address.unit);
    columns.room.push(row.address.room);
    columns.roomId.push(site?.resolve(row.address) ?? null);
  }
  const written = await q.query<{ id: number; inserted: boolean }>(
    `INSERT INTO registry_entries AS e (source, row_key, fingerprint, ref, site_id, name, id_number_enc, id_number_hash,
       phone_enc, phone_hash, address, street, building, unit, room, room_id)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[],
       $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::bigint[])
     ON CONFLICT (source, row_key) DO UPDATE SET
       fingerprint = EXCLUDED.fingerprint, ref = EXCLUDED.ref, site_id = EXCLUDED.site_id, name = EXCLUDED.name,
       id_number_enc = EXCLUDED.id_number_enc, id_number_hash = EXCLUDED.id_number_hash,
       phone_enc = EXCLUDED.phone_enc, phone_hash = EXCLUDED.phone_hash, address = EXCLUDED.address,
       street = EXCLUDED.street, building = EXCLUDED.building, unit = EXCLUDED.unit, room = EXCLUDED.room,
       room_id = EXCLUDED.room_id, imported_at = now(),
       person_id = CASE WHEN e.id_number_hash IS NOT DISTINCT FROM EXCLUDED.id_number_hash THEN e.person_id END
     WHERE e.fingerprint <> EXCLUDED.fingerprint
     RETURNING e.id, (e.xmax = 0) AS inserted`,
    [
      source,
      columns.rowKey,
      columns.fingerprint,
      columns.ref,
      columns.siteId,
      columns.name,
      columns.idEnc,
      columns.idHash,
      columns.phoneEnc,
      columns.phoneHash,
      columns.address,
      columns.street,
      columns.building,
      columns.unit,
      columns.room,
      columns.roomId,
    ],
  );
  const added = written.filter((row) => row.inserted).length;
  counts.added += added;
  counts.updated += written.length - added;
  counts.unchanged += byKey.size - written.length;
  if (written.length === 0) return;
  const ids = written.map((row) => row.id);
  counts.personsCreated += await linkPersons(q, ids);
  const persons = await q.query<{ person_id: number }>(
    'SELECT DISTINCT person_id FROM registry_entries WHERE id = ANY($1::bigint[]) AND person_id IS NOT NULL',
    [ids],
  );
  await rebuildFindKeys(q, cipher, persons.map((row) => row.person_id), plain);
}

/** Ties new and changed entries to their persons; returns how many persons had to be created. */
async function linkPersons(q: Queryable, ids: number[]): Promise<number> {
  const unlinked = "e.id = ANY($1::bigint[]) AND e.person_id IS NULL";
  await q.query(
    `UPDATE registry_entries e SET person_id = p.id FROM persons p
     WHERE ${unlinked} AND e.id_number_hash IS NOT NULL AND p.id_number_hash = e.id_number_hash`,
    [ids],
  );
  await q.query(
    `UPDATE registry_entries e SET person_id = m.id
     FROM (SELECT DISTINCT ON (e.id) e.id AS entry_id, p.id FROM registry_entries e
           JOIN persons p ON p.phone_hash = e.phone_hash AND p.name = e.name AND p.id_number_hash IS NULL
           WHERE ${unlinked} AND e.id_number_hash IS NULL ORDER BY e.id, p.id) m
     WHERE e.id = m.entry_id`,
    [ids],
  );
  // One new person per ID number, even when the registry lists it twice.
  const byId = await q.query<{ id: number }>(
    `INSERT INTO persons (name, id_number_enc, id_number_hash, phone_enc, phone_hash)
     SELECT DISTINCT ON (e.id_number_hash) e.name, e.id_number_enc, e.id_number_hash, e.phone_enc, e.phone_hash
     FROM registry_entries e WHERE ${unlinked} AND e.id_number_hash IS NOT NULL
     ORDER BY e.id_number_hash, e.id
     ON CONFLICT DO NOTHING RETURNING id`,
    [ids],
  );
  await q.query(
    `UPDATE registry_entries e SET person_id = p.id FROM persons p
     WHERE ${unlinked} AND e.id_number_hash IS NOT NULL AND p.id_number_hash = e.id_number_hash`,
    [ids],
  );
  // Without an ID number each entry is a person of its own: its id is drawn first, to tie the two.
  const withoutId = await q.query<{ n: number }>(
    `WITH pairs AS (
       SELECT e.id AS entry_id, nextval(pg_get_serial_sequence('persons', 'id')) AS person_id, e.name, e.phone_enc, e.phone_hash
       FROM registry_entries e WHERE ${unlinked}),
     made AS (
       INSERT INTO persons (id, name, phone_enc, phone_hash) SELECT person_id, name, phone_enc, phone_hash FROM pairs RETURNING id),
     tied AS (
       UPDATE registry_entries e SET person_id = pairs.person_id FROM pairs WHERE e.id = pairs.entry_id RETURNING e.id)
     SELECT (SELECT count(*) FROM made)::int AS n`,
    [ids],
  );
  return byId.length + (withoutId[0]?.n ?? 0);
}
