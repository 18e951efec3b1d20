import type { Queryable } from './db.ts';

/**
 * Who each registry entry of a batch is, found before the entries are written so that each is
 * written once, with its person: the person with its ID number (made from the entry when nobody
 * has it yet, one per number however often the registry lists it); without an ID number, the
 * person of that name and phone who has none either, else a new person of its own. Nobody's
 * record is overwritten. (Writing the entries first and tying them afterwards wrote every entry,
 * and its seven indexes, twice.)
 */

/** An entry to tie: its sealed values and keyed hashes, in the batch's order. */
export interface EntryToTie {
  name: string;
  idEnc: string | null;
  idHash: string | null;
  /** The ID number's hash under every key of the ring, newest first: during a key rotation a person may still be under an older one. */
  idHashes: readonly string[];
  phoneEnc: string | null;
  phoneHash: string | null;
  /** The phone's hash under every key of the ring, newest first. */
  phoneHashes: readonly string[];
}

/** The persons who hold any of these ID number hashes, by hash. */
async function holdersOf(q: Queryable, hashes: readonly string[]): Promise<Map<string, number>> {
  const holders = await q.query<{ id: number; id_number_hash: string }>('SELECT id, id_number_hash FROM persons WHERE id_number_hash = ANY($1::text[])', [[...new Set(hashes)]]);
  return new Map(holders.map((holder) => [holder.id_number_hash, holder.id]));
}

/** The person of each entry, in the order given, and the persons that had to be made for them. */
export async function personsForEntries(q: Queryable, entries: readonly EntryToTie[]): Promise<{ personIds: number[]; created: Set<number> }> {
  const personIds: (number | undefined)[] = entries.map(() => undefined);
  const created = new Set<number>();
  const withId = entries.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.idHash !== null);
  const withoutId = entries.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.idHash === null);

  // Under a ring of several keys (a rotation under way), a person still hashed under an older key
  // is found first, so that nobody is made a second time; with one key the insert below finds them.
  const rotating = entries.some((entry) => entry.idHashes.length > 1 || entry.phoneHashes.length > 1);
  if (rotating && withId.length > 0) {
    const held = await holdersOf(q, withId.flatMap(({ entry }) => entry.idHashes.slice(1)));
    for (const { entry, index } of withId) {
      const holder = entry.idHashes.slice(1).map((hash) => held.get(hash)).find((id) => id !== undefined);
      if (holder !== undefined) personIds[index] = holder;
    }
  }
  const newlyHeld = withId.filter(({ index }) => personIds[index] === undefined);
  if (newlyHeld.length > 0) {
    // One new person per ID number nobody has yet, from the first entry that gives it.
    const made = await q.query<{ id: number }>(
      `INSERT INTO persons (name, id_number_enc, id_number_hash, phone_enc, phone_hash)
       SELECT DISTINCT ON (e.id_hash) e.name, e.id_enc, e.id_hash, e.phone_enc, e.phone_hash
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS e(name, id_enc, id_hash, phone_enc, phone_hash, n)
       ORDER BY e.id_hash, e.n
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        newlyHeld.map(({ entry }) => entry.name),
        newlyHeld.map(({ entry }) => entry.idEnc),
        newlyHeld.map(({ entry }) => entry.idHash),
        newlyHeld.map(({ entry }) => entry.phoneEnc),
        newlyHeld.map(({ entry }) => entry.phoneHash),
      ],
    );
    for (const { id } of made) created.add(id);
    const byHash = await holdersOf(q, newlyHeld.flatMap(({ entry }) => (entry.idHash === null ? [] : [entry.idHash])));
    for (const { entry, index } of newlyHeld) personIds[index] = byHash.get(entry.idHash ?? '');
  }

  if (withoutId.length > 0) {
    // The person of the same name and phone who has no ID number either, the earliest of them.
    // Each entry's phone under every key of the ring, numbered by the entry.
    const looked = withoutId.flatMap(({ entry }, at) => (rotating ? entry.phoneHashes : [entry.phoneHash]).map((hash) => ({ n: at + 1, name: entry.name, hash })));
    const matched = await q.query<{ n: number; id: number }>(
      `SELECT DISTINCT ON (e.n) e.n::int AS n, p.id
       FROM unnest($1::int[], $2::text[], $3::text[]) AS e(n, name, phone_hash)
       JOIN persons p ON p.phone_hash = e.phone_hash AND p.name = e.name AND p.id_number_hash IS NULL
       ORDER BY e.n, p.id`,
      [looked.map((item) => item.n), looked.map((item) => item.name), looked.map((item) => item.hash)],
    );
    for (const row of matched) {
      const item = withoutId[row.n - 1];
      if (item) personIds[item.index] = row.id;
    }
    // Everyone else without an ID number is a person of their own: the ids are drawn first, to tie the two.
    const rest = withoutId.filter(({ index }) => personIds[index] === undefined);
    if (rest.length > 0) {
      const made = await q.query<{ n: number; id: number }>(
        `WITH pairs AS (
           SELECT e.n, nextval(pg_get_serial_sequence('persons', 'id')) AS id, e.name, e.phone_enc, e.phone_hash
           FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS e(name, phone_enc, phone_hash, n)),
         made AS (INSERT INTO persons (id, name, phone_enc, phone_hash) SELECT id, name, phone_enc, phone_hash FROM pairs ORDER BY n)
         SELECT n::int AS n, id FROM pairs`,
        [rest.map(({ entry }) => entry.name), rest.map(({ entry }) => entry.phoneEnc), rest.map(({ entry }) => entry.phoneHash)],
      );
      for (const row of made) {
        const item = rest[row.n - 1];
        if (item) personIds[item.index] = row.id;
        created.add(row.id);
      }
    }
  }
  return {
    personIds: personIds.map((id) => {
      if (id === undefined) throw new Error('a registry entry was left without a person');
      return id;
    }),
    created,
  };
}
