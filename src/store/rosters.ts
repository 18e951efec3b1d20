/**
 * Rosters and their versions. Every version is whole: the tenants living there as of that version
 * (action add/update) and the ones it records as moved out (action remove). ID numbers and phones
 * are sealed like those of persons.
 */

import type { RosterEntry } from '../dialogs/roster/index.ts';
import type { FieldCipher } from '../privacy/index.ts';
import { maybeOne, one, type Queryable } from './db.ts';
import { sameName } from './id-holders.ts';

export interface StoredRosterEntry {
  id: number;
  lineNo: number;
  personId: number | null;
  name: string | null;
  idNumber: string | null;
  phone: string | null;
  roomRaw: string | null;
  action: RosterEntry['action'];
}

export interface RosterVersionRef {
  rosterId: number;
  versionId: number;
  version: number;
}

interface EntryRow extends Record<string, unknown> {
  id: number;
  line_no: number;
  person_id: number | null;
  name: string | null;
  id_number_enc: string | null;
  phone_enc: string | null;
  room_raw: string | null;
  action: RosterEntry['action'];
}

const open = (cipher: FieldCipher, sealed: string | null): string | null => (sealed === null ? null : cipher.decrypt(sealed));

const toEntry = (cipher: FieldCipher, row: EntryRow): StoredRosterEntry => ({
  id: row.id,
  lineNo: row.line_no,
  personId: row.person_id,
  name: row.name,
  idNumber: open(cipher, row.id_number_enc),
  phone: open(cipher, row.phone_enc),
  roomRaw: row.room_raw,
  action: row.action,
});

/** The landlord's one roster; made on the first list they confirm. */
export async function landlordRosterOf(q: Queryable, ownerPersonId: number, areaId: number | null): Promise<number> {
  const existing = await maybeOne<{ id: number }>(
    q,
    `SELECT id FROM rosters WHERE owner_person_id = $1 AND kind = 'landlord' ORDER BY id LIMIT 1 FOR UPDATE`,
    [ownerPersonId],
  );
  if (existing) return existing.id;
  const created = await one<{ id: number }>(
    q,
    `INSERT INTO rosters (owner_person_id, kind, area_id) VALUES ($1, 'landlord', $2) RETURNING id`,
    [ownerPersonId, areaId],
  );
  return created.id;
}

export async function latestVersion(q: Queryable, rosterId: number): Promise<RosterVersionRef | undefined> {
  const row = await maybeOne<{ id: number; version: number }>(
    q,
    'SELECT id, version FROM roster_versions WHERE roster_id = $1 ORDER BY version DESC LIMIT 1',
    [rosterId],
  );
  return row ? { rosterId, versionId: row.id, version: row.version } : undefined;
}

export async function entriesOf(q: Queryable, cipher: FieldCipher, versionId: number): Promise<StoredRosterEntry[]> {
  const rows = await q.query<EntryRow>('SELECT * FROM roster_entries WHERE version_id = $1 ORDER BY line_no, id', [versionId]);
  return rows.map((row) => toEntry(cipher, row));
}

/** The tenants living there as of a version. */
export async function tenantsOf(q: Queryable, cipher: FieldCipher, versionId: number): Promise<StoredRosterEntry[]> {
  return (await entriesOf(q, cipher, versionId)).filter((entry) => entry.action !== 'remove');
}

export async function createVersion(q: Queryable, rosterId: number, sourceInboundId: number | null): Promise<RosterVersionRef> {
  const row = await one<{ id: number; version: number }>(
    q,
    `INSERT INTO roster_versions (roster_id, version, source_inbound_id)
     VALUES ($1, coalesce((SELECT max(version) FROM roster_versions WHERE roster_id = $1), 0) + 1, $2)
     RETURNING id, version`,
    [rosterId, sourceInboundId],
  );
  return { rosterId, versionId: row.id, version: row.version };
}

const seal = (cipher: FieldCipher, kind: 'id' | 'phone', value: string | null): [string | null, string | null] =>
  value ? [cipher.encrypt(value), cipher.hash(kind, value)] : [null, null];

export async function addEntry(
  q: Queryable,
  cipher: FieldCipher,
  versionId: number,
  lineNo: number,
  entry: RosterEntry,
  personId: number | null,
): Promise<number> {
  const [idEnc, idHash] = seal(cipher, 'id', entry.idNumber);
  const [phoneEnc, phoneHash] = seal(cipher, 'phone', entry.phone);
  const row = await one<{ id: number }>(
    q,
    `INSERT INTO roster_entries (version_id, line_no, person_id, name, id_number_enc, id_number_hash, phone_enc, phone_hash,
                                 room_raw, building, unit, room, move_in, action, problems)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [
      versionId, lineNo, personId, entry.name, idEnc, idHash, phoneEnc, phoneHash,
      entry.room?.raw ?? null, entry.room?.building ?? null, entry.room?.unit ?? null, entry.room?.room ?? null,
      entry.moveIn, entry.action, JSON.stringify(entry.problems),
    ],
  );
  return row.id;
}

/**
 * Copies entries of one version into another, with `action` when given: a tenant the new list
 * left out stays until the landlord says they moved out.
 */
export async function copyEntries(
  q: Queryable,
  fromVersionId: number,
  toVersionId: number,
  entryIds: readonly number[],
  action: RosterEntry['action'] | null,
): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO roster_entries (version_id, line_no, person_id, name, id_number_enc, id_number_hash, phone_enc, phone_hash,
                                 room_raw, building, unit, room, move_in, action, problems)
     SELECT $2, line_no, person_id, name, id_number_enc, id_number_hash, phone_enc, phone_hash,
            room_raw, building, unit, room, move_in, coalesce($4::text, action), problems
     FROM roster_entries WHERE version_id = $1 AND id = ANY($3::bigint[]) ORDER BY line_no, id RETURNING id`,
    [fromVersionId, toVersionId, entryIds, action],
  );
  return rows.map((row) => row.id);
}

/**
 * Tenants of a version not linked to a registration of their own under the name the list gives.
 * Whatever else the row's number matches, the landlord hears the same about it as about a number
 * nobody registered: a made-up name beside someone's ID number learns nothing.
 */
export async function unregisteredTenants(q: Queryable, cipher: FieldCipher, versionId: number): Promise<StoredRosterEntry[]> {
  const tenants = await tenantsOf(q, cipher, versionId);
  const registered = await q.query<{ person_id: number; name: string | null }>(
    `SELECT p.id AS person_id, p.name FROM persons p
     WHERE p.id = ANY($1::bigint[]) AND EXISTS (SELECT 1 FROM reports r WHERE r.form_id = 'registration' AND r.person_id = p.id)`,
    [tenants.map((tenant) => tenant.personId).filter((id): id is number => id !== null)],
  );
  const names = new Map(registered.map((row) => [row.person_id, row.name]));
  const done = (tenant: StoredRosterEntry) => {
    if (tenant.personId === null || tenant.name === null) return false;
    const name = names.get(tenant.personId);
    return typeof name === 'string' && sameName(name, tenant.name);
  };
  return tenants.filter((tenant) => !done(tenant));
}

export async function rosterOwner(q: Queryable, rosterId: number): Promise<number | undefined> {
  return (await maybeOne<{ owner_person_id: number }>(q, 'SELECT owner_person_id FROM rosters WHERE id = $1', [rosterId]))?.owner_person_id;
}

/** The name of the file a version came from. */
export async function recordSourceFile(q: Queryable, versionId: number, fileName: string): Promise<void> {
  await q.query('UPDATE roster_versions SET source_file = $2 WHERE id = $1', [versionId, fileName]);
}
