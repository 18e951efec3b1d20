import type { RegistryRow } from '../dialogs/registry/row.ts';
import type { SiteKind } from './areas.ts';
import type { FieldCipher } from '../privacy/index.ts';
import type { Queryable } from './db.ts';
import { indexWrittenPersons } from './registry-find-keys.ts';
import { personsForEntries } from './registry-persons.ts';
import { SiteRooms } from './registry-rooms.ts';

/**
 * The registry's rows into the store, a batch at a time, each batch in set-based SQL: entries
 * upserted on (source, row key) so that a row imported again unchanged changes nothing, each entry
 * tied to its person as it is written (registry-persons.ts), and the find index of those persons rebuilt.
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

/** What a registry entry holds, as a keyed hash: a row imported again unchanged has the same (key rotation hashes it again). */
export function registryFingerprint(
  cipher: FieldCipher,
  entry: { name: string | null; idNumber: string | null; phone: string | null; address: string | null; siteId: number | null },
): string {
  return cipher.hash('text', registryFingerprintText(entry));
}

function registryFingerprintText(entry: Parameters<typeof registryFingerprint>[1]): string {
  return JSON.stringify(['registry', entry.name, entry.idNumber, entry.phone, entry.address, entry.siteId]);
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
  // During a key rotation an entry may still be under an older key: its fingerprint (and the row
  // key made of it) is matched under every key of the ring, so that it is recognised, not added again.
  const byKey = new Map<string, { item: RegistryBatchRow; fingerprint: string; fingerprints: readonly string[] }>();
  const rowKeyOf = new Map<string, string>();
  for (const item of batch) {
    const { row } = item;
    const text = registryFingerprintText({ name: row.name, idNumber: row.idNumber, phone: row.phone, address: row.address.raw, siteId: item.site?.siteId ?? null });
    const fingerprints = cipher.keyIds.length === 1 ? [cipher.hash('text', text)] : cipher.hashes('text', text);
    const fingerprint = fingerprints[0] ?? '';
    const rowKey = row.ref !== null ? `ref:${row.ref}` : `row:${fingerprint}`;
    byKey.set(rowKey, { item, fingerprint, fingerprints });
    rowKeyOf.set(rowKey, rowKey);
    if (row.ref === null) for (const older of fingerprints.slice(1)) rowKeyOf.set(`row:${older}`, rowKey);
  }
  // A row imported again unchanged is counted and left alone before anything of it is encrypted.
  const stored = await q.query<{ row_key: string; fingerprint: string; person_id: number | null; id_number_hash: string | null }>(
    'SELECT row_key, fingerprint, person_id, id_number_hash FROM registry_entries WHERE source = $1 AND row_key = ANY($2::text[])',
    [source, [...rowKeyOf.keys()]],
  );
  const before = new Map<string, { personId: number | null; idHash: string | null }>();
  for (const { row_key: storedKey, fingerprint, person_id: personId, id_number_hash: idHash } of stored) {
    const rowKey = rowKeyOf.get(storedKey) ?? storedKey;
    if (!byKey.get(rowKey)?.fingerprints.includes(fingerprint)) {
      before.set(rowKey, { personId, idHash });
      continue;
    }
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
    idHashes: [] as (readonly string[] | null)[],
    phoneHashes: [] as (readonly string[] | null)[],
    phoneEnc: [] as (string | null)[],
    phoneHash: [] as (string | null)[],
    address: [] as string[],
    street: [] as (string | null)[],
    building: [] as (string | null)[],
    unit: [] as (string | null)[],
    room: [] as (string | null)[],
    roomId: [] as (number | null)[],
    personId: [] as number[],
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
    columns.idHashes.push(row.idNumber === null ? null : cipher.keyIds.length === 1 ? [columns.idHash.at(-1) ?? ''] : cipher.hashes('id', row.idNumber));
    columns.phoneEnc.push(seal(row.phone));
    columns.phoneHash.push(row.phone === null ? null : cipher.hash('phone', row.phone));
    columns.phoneHashes.push(row.phone === null ? null : cipher.keyIds.length === 1 ? [columns.phoneHash.at(-1) ?? ''] : cipher.hashes('phone', row.phone));
    columns.address.push(row.address.raw);
    columns.street.push(row.address.street ?? site?.siteName ?? null);
    columns.building.push(row.address.building);
    columns.unit.push(row.address.unit);
    columns.room.push(row.address.room);
    columns.roomId.push(site?.resolve(row.address) ?? null);
  }
  // A changed entry keeps its person while its ID number stays the same; the others are tied afresh.
  const kept = columns.rowKey.map((rowKey, index) => {
    const previous = before.get(rowKey);
    const sameId = previous?.idHash != null && (columns.idHashes[index] ?? []).includes(previous.idHash);
    return previous && previous.personId !== null && sameId ? previous.personId : null;
  });
  const toTie = kept.flatMap((personId, index) => (personId === null ? [index] : []));
  const tied = await personsForEntries(
    q,
    toTie.map((index) => ({
      name: columns.name[index] ?? '',
      idEnc: columns.idEnc[index] ?? null,
      idHash: columns.idHash[index] ?? null,
      idHashes: columns.idHashes[index] ?? [],
      phoneEnc: columns.phoneEnc[index] ?? null,
      phoneHash: columns.phoneHash[index] ?? null,
      phoneHashes: columns.phoneHashes[index] ?? [],
    })),
  );
  counts.personsCreated += tied.created.size;
  toTie.forEach((index, at) => (kept[index] = tied.personIds[at] ?? null));
  columns.personId = kept.map((personId) => {
    if (personId === null) throw new Error('a registry entry was left without a person');
    return personId;
  });
  const written = await q.query<{ id: number; person_id: number; inserted: boolean }>(
    `INSERT INTO registry_entries AS e (source, row_key, fingerprint, ref, site_id, name, id_number_enc, id_number_hash,
       phone_enc, phone_hash, address, street, building, unit, room, room_id, person_id)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[],
       $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::bigint[], $17::bigint[])
     ON CONFLICT (source, row_key) DO UPDATE SET
       fingerprint = EXCLUDED.fingerprint, ref = EXCLUDED.ref, site_id = EXCLUDED.site_id, name = EXCLUDED.name,
       id_number_enc = EXCLUDED.id_number_enc, id_number_hash = EXCLUDED.id_number_hash,
       phone_enc = EXCLUDED.phone_enc, phone_hash = EXCLUDED.phone_hash, address = EXCLUDED.address,
       street = EXCLUDED.street, building = EXCLUDED.building, unit = EXCLUDED.unit, room = EXCLUDED.room,
       room_id = EXCLUDED.room_id, imported_at = now(),
       person_id = EXCLUDED.person_id
     WHERE e.fingerprint <> EXCLUDED.fingerprint
     RETURNING e.id, e.person_id, (e.xmax = 0) AS inserted`,
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
      columns.personId,
    ],
  );
  const added = written.filter((row) => row.inserted).length;
  counts.added += added;
  counts.updated += written.length - added;
  counts.unchanged += byKey.size - written.length;
  if (written.length === 0) return;
  const writtenPersons = new Set(written.map((row) => row.person_id));
  const items = [...byKey.values()];
  const entries = columns.personId.flatMap((personId, index) => {
    const item = items[index]?.item;
    return item && writtenPersons.has(personId) ? [{ personId, row: item.row, site: item.site, roomId: columns.roomId[index] ?? null }] : [];
  });
  await indexWrittenPersons(q, cipher, entries, tied.created, plain);
}
