import { readMobilePhone } from '../dialogs/answers/index.ts';
import { type FieldCipher, maskPhone } from '../privacy/index.ts';
import type { Queryable } from '../store/db.ts';
import { findPersonsByPhone } from '../store/persons.ts';

interface Candidate extends Record<string, unknown> {
  id: number;
  name: string | null;
  phone: string | null;
}

/** A person id as staff write it: `id:42`, `#42` or the bare number. */
const personId = /^(?:id[:：]\s*|#)?(\d{1,9})$/i;
/** A name with a phone after it: `王芳 13912345678`, `王芳/139…`, `王芳，139…`. */
const nameWithPhone = /^(\D+?)[\s,，/、]+(\+?[\d\s-]{11,16})$/u;

/**
 * People by what staff know of them: the name they registered, or the name their chat account
 * shows (a landlord or shop owner who only ever sent lists in chat has no other).
 */
async function byName(q: Queryable, cipher: FieldCipher, name: string): Promise<Candidate[]> {
  const rows = await q.query<{ id: number; name: string | null; phone_enc: string | null }>(
    `SELECT p.id, coalesce(p.name, a.display_name) AS name, p.phone_enc FROM persons p
     LEFT JOIN LATERAL (SELECT display_name FROM accounts WHERE person_id = p.id AND display_name = $1 LIMIT 1) a ON true
     WHERE p.name = $1 OR (p.name IS NULL AND a.display_name IS NOT NULL) ORDER BY p.id`,
    [name],
  );
  return rows.map((row) => ({ id: row.id, name: row.name, phone: row.phone_enc ? cipher.decrypt(row.phone_enc) : null }));
}

async function candidates(q: Queryable, cipher: FieldCipher, who: string): Promise<Candidate[]> {
  const text = who.trim();
  const id = personId.exec(text);
  if (id?.[1]) {
    return q.query<Candidate>(
      `SELECT p.id, coalesce(p.name, (SELECT display_name FROM accounts WHERE person_id = p.id ORDER BY id LIMIT 1)) AS name, NULL AS phone
       FROM persons p WHERE p.id = $1`,
      [Number(id[1])],
    );
  }
  const both = nameWithPhone.exec(text);
  const bothPhone = both?.[2] ? readMobilePhone(both[2]) : undefined;
  if (both?.[1] && bothPhone?.ok) {
    const name = both[1].trim();
    return (await findPersonsByPhone(q, cipher, bothPhone.value)).filter((p) => p.name === name).map((p) => ({ id: p.id, name: p.name, phone: p.phone }));
  }
  const phone = readMobilePhone(text);
  if (phone.ok) return (await findPersonsByPhone(q, cipher, phone.value)).map((p) => ({ id: p.id, name: p.name, phone: p.phone }));
  return byName(q, cipher, text);
}

/**
 * A person by phone, by name (which must be unique), by name and phone together, or by person
 * id: staff type what they know. When several match, the error lists them (phones masked) with
 * the ids that tell them apart.
 */
export async function findOnePerson(q: Queryable, cipher: FieldCipher, who: string): Promise<{ id: number; name: string | null }> {
  const found = await candidates(q, cipher, who);
  const person = found[0];
  if (!person) throw new Error(`nobody registered as ${who}`);
  if (found.length > 1) {
    const list = found.map((p) => `id:${p.id} ${p.name ?? '(no name)'}${p.phone ? ` ${maskPhone(p.phone)}` : ''}`).join('; ');
    throw new Error(`${found.length} people match ${who}: ${list}. Give the name with the phone ("王芳 13912345678") or the person id ("id:${person.id}")`);
  }
  return { id: person.id, name: person.name };
}
