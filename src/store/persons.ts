import type { FieldCipher } from '../privacy/index.ts';
import { maybeOne, one, type Queryable } from './db.ts';

export interface PersonFields {
  name?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  lang?: string;
  listedByLandlord?: boolean;
}

export interface PersonRecord {
  id: number;
  name: string | null;
  idNumber: string | null;
  phone: string | null;
  lang: string;
  listedByLandlord: boolean;
}

interface PersonRow extends Record<string, unknown> {
  id: number;
  name: string | null;
  id_number_enc: string | null;
  phone_enc: string | null;
  lang: string;
  listed_by_landlord: boolean;
}

/** The encrypted value and keyed hash of an optional personal field. */
function seal(cipher: FieldCipher, kind: 'id' | 'phone', value: string | null | undefined): [string | null, string | null] {
  if (!value) return [null, null];
  return [cipher.encrypt(value), cipher.hash(kind, value)];
}

function toRecord(cipher: FieldCipher, row: PersonRow): PersonRecord {
  return {
    id: row.id,
    name: row.name,
    idNumber: row.id_number_enc ? cipher.decrypt(row.id_number_enc) : null,
    phone: row.phone_enc ? cipher.decrypt(row.phone_enc) : null,
    lang: row.lang,
    listedByLandlord: row.listed_by_landlord,
  };
}

export async function createPerson(q: Queryable, cipher: FieldCipher, fields: PersonFields): Promise<number> {
  const [idEnc, idHash] = seal(cipher, 'id', fields.idNumber);
  const [phoneEnc, phoneHash] = seal(cipher, 'phone', fields.phone);
  const row = await one<{ id: number }>(
    q,
    `INSERT INTO persons (name, id_number_enc, id_number_hash, phone_enc, phone_hash, lang, listed_by_landlord)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [fields.name ?? null, idEnc, idHash, phoneEnc, phoneHash, fields.lang ?? 'zh-CN', fields.listedByLandlord ?? false],
  );
  return row.id;
}

/** Changes only the fields given; an ID number or phone is re-encrypted and re-hashed. */
export async function updatePerson(q: Queryable, cipher: FieldCipher, id: number, fields: PersonFields): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (fields.name !== undefined) set('name', fields.name);
  if (fields.idNumber !== undefined) {
    const [enc, hash] = seal(cipher, 'id', fields.idNumber);
    set('id_number_enc', enc);
    set('id_number_hash', hash);
  }
  if (fields.phone !== undefined) {
    const [enc, hash] = seal(cipher, 'phone', fields.phone);
    set('phone_enc', enc);
    set('phone_hash', hash);
  }
  if (fields.lang !== undefined) set('lang', fields.lang);
  if (fields.listedByLandlord !== undefined) set('listed_by_landlord', fields.listedByLandlord);
  if (sets.length === 0) return;
  params.push(id);
  await q.query(`UPDATE persons SET ${sets.join(', ')}, updated_at = now() WHERE id = $${params.length}`, params);
}

/** The language a person chose for the bot's messages (nothing else of theirs is read). */
export async function personLanguage(q: Queryable, id: number): Promise<string> {
  return (await maybeOne<{ lang: string }>(q, 'SELECT lang FROM persons WHERE id = $1', [id]))?.lang ?? 'zh-CN';
}

export async function getPerson(q: Queryable, cipher: FieldCipher, id: number): Promise<PersonRecord | undefined> {
  const row = await maybeOne<PersonRow>(q, 'SELECT * FROM persons WHERE id = $1', [id]);
  return row ? toRecord(cipher, row) : undefined;
}

export async function findPersonByIdNumber(q: Queryable, cipher: FieldCipher, idNumber: string): Promise<PersonRecord | undefined> {
  // Under every key of the ring: during a key rotation the holder may not have been hashed again yet.
  const row = await maybeOne<PersonRow>(q, 'SELECT * FROM persons WHERE id_number_hash = ANY($1::text[]) ORDER BY id LIMIT 1', [
    cipher.hashes('id', idNumber),
  ]);
  return row ? toRecord(cipher, row) : undefined;
}

export async function findPersonsByPhone(q: Queryable, cipher: FieldCipher, phone: string): Promise<PersonRecord[]> {
  const rows = await q.query<PersonRow>('SELECT * FROM persons WHERE phone_hash = ANY($1::text[]) ORDER BY id', [
    cipher.hashes('phone', phone),
  ]);
  return rows.map((row) => toRecord(cipher, row));
}
