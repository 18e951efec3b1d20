import type { RosterEntry } from '../dialogs/roster/index.ts';
import type { FieldCipher } from '../privacy/index.ts';
import type { Queryable } from './db.ts';
import { sameName } from './id-holders.ts';
import { createPerson, findPersonByIdNumber, findPersonsByPhone } from './persons.ts';

const hasProblem = (entry: RosterEntry, prefix: string): boolean => entry.problems.some((code) => code.startsWith(prefix));

/** A row names a known person only when it gives their name too: a number or phone alone proves nothing. */
const namedAs = (entry: RosterEntry, person: { name: string | null }): boolean =>
  entry.name !== null && person.name !== null && sameName(entry.name, person.name);

/**
 * The person a roster row is about: the one with its ID number and the same name, else the one
 * with its name and phone (and no other ID number), else a new person known only from the
 * landlord's list. A number that is someone else's under another name links to nobody: the
 * landlord cannot learn from the reply who registered it, and staff see the mismatch in the
 * digest. A defective number identifies nobody and is not copied onto a person.
 */
export async function personOfEntry(q: Queryable, cipher: FieldCipher, entry: RosterEntry): Promise<number | null> {
  const idNumber = entry.idNumber !== null && !hasProblem(entry, 'id.') ? entry.idNumber : null;
  const phone = entry.phone !== null && !hasProblem(entry, 'phone.') ? entry.phone : null;
  if (idNumber !== null) {
    const byId = await findPersonByIdNumber(q, cipher, idNumber);
    if (byId) return namedAs(entry, byId) ? byId.id : null;
  }
  if (phone !== null) {
    const byPhone = (await findPersonsByPhone(q, cipher, phone)).find(
      (person) => namedAs(entry, person) && (idNumber === null || person.idNumber === null),
    );
    if (byPhone) return byPhone.id;
  }
  // Someone reported as moved out who was never known needs no person of their own.
  if (entry.action === 'remove' || (entry.name === null && idNumber === null)) return null;
  return createPerson(q, cipher, { name: entry.name, idNumber, phone, listedByLandlord: true });
}
