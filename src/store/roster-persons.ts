import type { RosterEntry } from '../dialogs/roster/index.ts';
import type { FieldCipher } from './crypto.ts';
import type { Queryable } from './db.ts';
import { createPerson, findPersonByIdNumber, findPersonsByPhone } from './persons.ts';

const hasProblem = (entry: RosterEntry, prefix: string): boolean => entry.problems.some((code) => code.startsWith(prefix));

/**
 * The person a roster row is about: the one with its ID number (by keyed hash), else the one with
 * its name and phone, else a new person known only from the landlord's list. A defective number
 * identifies nobody and is not copied onto a person.
 */
export async function personOfEntry(q: Queryable, cipher: FieldCipher, entry: RosterEntry): Promise<number | null> {
  const idNumber = entry.idNumber !== null && !hasProblem(entry, 'id.') ? entry.idNumber : null;
  const phone = entry.phone !== null && !hasProblem(entry, 'phone.') ? entry.phone : null;
  if (idNumber !== null) {
    const byId = await findPersonByIdNumber(q, cipher, idNumber);
    if (byId) return byId.id;
  }
  if (entry.name !== null && phone !== null) {
    const byPhone = (await findPersonsByPhone(q, cipher, phone)).find((person) => person.name === entry.name);
    if (byPhone) return byPhone.id;
  }
  // Someone reported as moved out who was never known needs no person of their own.
  if (entry.action === 'remove' || (entry.name === null && idNumber === null)) return null;
  return createPerson(q, cipher, { name: entry.name, idNumber, phone, listedByLandlord: true });
}
