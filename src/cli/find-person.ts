import { readMobilePhone } from '../dialogs/answers/index.ts';
import type { FieldCipher } from '../store/crypto.ts';
import type { Queryable } from '../store/db.ts';
import { findPersonsByPhone } from '../store/persons.ts';

/** A person by phone (exact) or by name (must be unique): staff type what they know. */
export async function findOnePerson(q: Queryable, cipher: FieldCipher, who: string): Promise<{ id: number; name: string | null }> {
  const phone = readMobilePhone(who);
  const found = phone.ok
    ? (await findPersonsByPhone(q, cipher, phone.value)).map((p) => ({ id: p.id, name: p.name }))
    : await q.query<{ id: number; name: string | null }>('SELECT id, name FROM persons WHERE name = $1 ORDER BY id', [who.trim()]);
  if (found.length === 0) throw new Error(`nobody registered as ${who}`);
  if (found.length > 1) throw new Error(`${found.length} people match ${who}; give their phone instead`);
  const person = found[0];
  if (!person) throw new Error(`nobody registered as ${who}`);
  return person;
}
