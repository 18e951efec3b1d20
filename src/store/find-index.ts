import { readRoom } from '../dialogs/answers/index.ts';
import { placeLabels, subjectPieces, type FindKeyKind, type FindSubject, type PlaceLabels } from '../dialogs/find/keys.ts';
import type { FieldCipher } from '../privacy/index.ts';
import type { Queryable } from './db.ts';

/**
 * The find index: for each person, 64-bit keyed hashes of the pieces that finding them searches
 * (dialogs/find/keys.ts), kept as one array a person under a GIN index (migration 026). Built
 * again for the persons a trigger marked stale (migration 019), so that a registration, a roster,
 * a merge or an import all reach it without knowing of it.
 */

/**
 * The keys already worked out, per cipher: most pieces repeat across persons (a phone's last four
 * digits, a birth date, a name's sound, a building), and an import of a million rows would
 * otherwise hash each of them again. Bounded, as a process indexes any number of persons.
 */
const keysOf = new WeakMap<FieldCipher, Map<string, string>>();
const keysKept = 500_000;

/** A piece's key: the first 64 bits of its keyed hash, as Postgres bigint text. */
export function findKey(cipher: FieldCipher, kind: FindKeyKind, value: string): string {
  const piece = `find\u0000${kind}\u0000${value}`;
  let known = keysOf.get(cipher);
  if (!known) {
    known = new Map();
    keysOf.set(cipher, known);
  }
  const cached = known.get(piece);
  if (cached !== undefined) return cached;
  const hex = cipher.hash('text', piece).slice(0, 16);
  const key = BigInt.asIntN(64, BigInt(`0x${hex}`)).toString();
  if (known.size >= keysKept) known.clear();
  known.set(piece, key);
  return key;
}

/**
 * A piece's keys under every key of the ring, newest first: during a key rotation a person's keys
 * are under the old key until the rotation reaches them, and a search must still find them.
 */
export function findKeysUnderRing(cipher: FieldCipher, kind: FindKeyKind, value: string): string[] {
  if (cipher.keyIds.length === 1) return [findKey(cipher, kind, value)];
  return cipher.hashes('text', `find\u0000${kind}\u0000${value}`).map((hex) => BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString());
}

interface PersonRow extends Record<string, unknown> {
  id: number;
  name: string | null;
  id_number_enc: string | null;
  phone_enc: string | null;
}

interface PlaceRow extends Record<string, unknown> {
  person_id: number;
  name: string | null;
  id_number_enc: string | null;
  phone_enc: string | null;
  room_text: string | null;
  street: string | null;
  building: string | null;
  room: string | null;
  known_site: string | null;
  known_building: string | null;
  known_room: string | null;
}

/** A room's area as labels: the site is its lane or compound. */
const roomPath = (alias: string) => `
  LEFT JOIN areas kr ON kr.id = ${alias}.room_id AND kr.kind = 'room'
  LEFT JOIN areas kp ON kp.id = kr.parent_id
  LEFT JOIN areas kb ON kb.id = CASE WHEN kp.kind = 'unit' THEN kp.parent_id ELSE kp.id END
  LEFT JOIN areas ks ON ks.id = kb.parent_id`;

/**
 * Values the caller has just sealed, by their sealed text: an import indexes the persons of the
 * rows it encrypted a moment before, and need not decrypt them again.
 */
export type KnownPlain = ReadonlyMap<string, string>;

/** What is searched of these persons: their own record, where they live now, and their registry entries. */
export async function subjectsOf(
  q: Queryable,
  cipher: FieldCipher,
  personIds: readonly number[],
  known: KnownPlain = new Map(),
): Promise<Map<number, FindSubject>> {
  const decrypt = (sealed: string | null): string | null => (sealed === null ? null : (known.get(sealed) ?? cipher.decrypt(sealed)));
  const persons = await q.query<PersonRow>('SELECT id, name, id_number_enc, phone_enc FROM persons WHERE id = ANY($1::bigint[])', [personIds]);
  const subjects = new Map<number, FindSubject>();
  for (const person of persons) {
    subjects.set(person.id, {
      names: [person.name],
      phones: [decrypt(person.phone_enc)],
      idNumbers: [decrypt(person.id_number_enc)],
      places: [],
    });
  }
  const places = await q.query<PlaceRow>(
    `SELECT o.person_id, NULL AS name, NULL AS id_number_enc, NULL AS phone_enc, o.room_text,
            NULL AS street, NULL AS building, NULL AS room, ks.name AS known_site, kb.name AS known_building, kr.name AS known_room
     FROM occupancies o ${roomPath('o')}
     WHERE o.until IS NULL AND o.person_id = ANY($1::bigint[])
     UNION ALL
     SELECT e.person_id, e.name, e.id_number_enc, e.phone_enc, NULL, coalesce(e.street, es.name), e.building, e.room,
            ks.name, kb.name, kr.name
     FROM registry_entries e LEFT JOIN areas es ON es.id = e.site_id ${roomPath('e')}
     WHERE e.person_id = ANY($1::bigint[])`,
    [personIds],
  );
  for (const row of places) {
    const subject = subjects.get(row.person_id);
    if (!subject) continue;
    subject.names.push(row.name);
    subject.phones.push(decrypt(row.phone_enc));
    subject.idNumbers.push(decrypt(row.id_number_enc));
    subject.places.push(placeOfRow(row));
  }
  return subjects;
}

function placeOfRow(row: PlaceRow): PlaceLabels {
  if (row.known_room !== null) return placeLabels(row.known_site, row.known_building, row.known_room);
  if (row.room_text !== null) {
    const read = readRoom(row.room_text);
    return read.ok ? placeLabels(read.value.street, read.value.building, read.value.room) : placeLabels(null, null, null);
  }
  return placeLabels(row.street, row.building, row.room);
}

const batchSize = 2000;

/** The keys of a subject, once each and in one order (their text's), so that the same keys are the same array. */
export function subjectKeys(cipher: FieldCipher, subject: FindSubject): string[] {
  return [...new Set(subjectPieces(subject).map((piece) => findKey(cipher, piece.kind, piece.value)))].sort();
}

/**
 * Writes these persons' keys, replacing what the index had of them; a person with no keys has no
 * row. A row whose keys are the same is left alone: rewriting it would insert each key again.
 */
export async function writeFindKeys(q: Queryable, personIds: readonly number[], keysOf: ReadonlyMap<number, readonly string[]>): Promise<void> {
  const owners: number[] = [];
  const sets: string[] = [];
  for (const personId of personIds) {
    const keys = keysOf.get(personId) ?? [];
    if (keys.length === 0) continue;
    owners.push(personId);
    sets.push(`{${keys.join(',')}}`);
  }
  if (owners.length < personIds.length) {
    await q.query('DELETE FROM find_keys WHERE person_id = ANY($1::bigint[]) AND NOT (person_id = ANY($2::bigint[]))', [personIds, owners]);
  }
  if (owners.length > 0) {
    await q.query(
      `INSERT INTO find_keys AS f (person_id, keys) SELECT s.person_id, s.keys::bigint[] FROM unnest($1::bigint[], $2::text[]) AS s(person_id, keys)
       ON CONFLICT (person_id) DO UPDATE SET keys = EXCLUDED.keys WHERE f.keys <> EXCLUDED.keys`,
      [owners, sets],
    );
  }
  await q.query('DELETE FROM find_stale WHERE person_id = ANY($1::bigint[])', [personIds]);
}

/** Builds the keys of these persons again from what the store holds of them now. */
export async function rebuildFindKeys(q: Queryable, cipher: FieldCipher, personIds: readonly number[], known?: KnownPlain): Promise<void> {
  for (let start = 0; start < personIds.length; start += batchSize) {
    const batch = personIds.slice(start, start + batchSize);
    const subjects = await subjectsOf(q, cipher, batch, known);
    const keysOf = new Map<number, string[]>();
    for (const [personId, subject] of subjects) keysOf.set(personId, subjectKeys(cipher, subject));
    await writeFindKeys(q, batch, keysOf);
  }
}

/** Brings the index up to date: the persons marked stale since the last time, usually none. */
export async function refreshFindIndex(q: Queryable, cipher: FieldCipher): Promise<number> {
  const stale = await q.query<{ person_id: number }>('SELECT person_id FROM find_stale ORDER BY person_id');
  if (stale.length === 0) return 0;
  await rebuildFindKeys(q, cipher, stale.map((row) => row.person_id));
  return stale.length;
}
