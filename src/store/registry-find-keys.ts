import { placeLabels, type FindSubject, type PlaceLabels } from '../dialogs/find/keys.ts';
import type { RegistryRow } from '../dialogs/registry/row.ts';
import type { FieldCipher } from '../privacy/index.ts';
import type { Queryable } from './db.ts';
import { rebuildFindKeys, subjectKeys, writeFindKeys, type KnownPlain } from './find-index.ts';
import type { SiteRooms } from './registry-rooms.ts';

/**
 * The find keys of the persons an import batch wrote. A person the batch made has nothing in the
 * store but the entries it was made from, and those are at hand: their keys are worked out from
 * them, without reading back what was just written (which took a third as long as writing it).
 * Anyone else (a person who was there before) is rebuilt from the store, as any change would be.
 */

export interface WrittenEntry {
  personId: number;
  row: RegistryRow;
  site: SiteRooms | null;
  roomId: number | null;
}

/**
 * Where the entry places its person, as find-index.ts reads it back: a known room by its site's,
 * building's and room's labels (which are the address's own, as the room was found by them), else
 * the address as written, its lane or else the site it was imported for.
 */
function placeOf({ row, site, roomId }: WrittenEntry): PlaceLabels {
  const { street, building, room } = row.address;
  if (roomId !== null && site !== null) return placeLabels(site.siteName, building, room);
  return placeLabels(street ?? site?.siteName ?? null, building, room);
}

export async function indexWrittenPersons(
  q: Queryable,
  cipher: FieldCipher,
  entries: readonly WrittenEntry[],
  made: ReadonlySet<number>,
  known: KnownPlain,
): Promise<void> {
  const subjects = new Map<number, FindSubject>();
  const others = new Set<number>();
  for (const entry of entries) {
    if (!made.has(entry.personId)) {
      others.add(entry.personId);
      continue;
    }
    let subject = subjects.get(entry.personId);
    if (!subject) {
      subject = { names: [], phones: [], idNumbers: [], places: [] };
      subjects.set(entry.personId, subject);
    }
    subject.names.push(entry.row.name);
    subject.phones.push(entry.row.phone);
    subject.idNumbers.push(entry.row.idNumber);
    subject.places.push(placeOf(entry));
  }
  const keysOf = new Map<number, string[]>();
  for (const [personId, subject] of subjects) keysOf.set(personId, subjectKeys(cipher, subject));
  if (keysOf.size > 0) await writeFindKeys(q, [...keysOf.keys()], keysOf);
  if (others.size > 0) await rebuildFindKeys(q, cipher, [...others], known);
}
