import type { FieldCipher } from '../store/crypto.ts';
import { maybeOne, type Queryable } from '../store/db.ts';
import { findOnePerson } from './find-person.ts';

const recordNumber = /^#(\d{1,15})$/;

/**
 * A person as staff name them on the command line: by name or phone, or by the record number the
 * digest shows (#12) when two records share a name and a phone (one person on two accounts).
 */
export async function findPersonRef(q: Queryable, cipher: FieldCipher, who: string): Promise<{ id: number; name: string | null }> {
  const numbered = recordNumber.exec(who.trim());
  if (!numbered) return findOnePerson(q, cipher, who);
  const person = await maybeOne<{ id: number; name: string | null }>(q, 'SELECT id, name FROM persons WHERE id = $1', [Number(numbered[1])]);
  if (!person) throw new Error(`no record ${who.trim()}`);
  return person;
}
