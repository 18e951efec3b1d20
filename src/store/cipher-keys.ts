import { ConfigError } from '../config.ts';
import type { FieldCipher } from '../privacy/index.ts';
import type { Db, Queryable } from './db.ts';

/**
 * Which keys the stored personal data is sealed and hashed under (migration 029). Every start
 * records the key it will encrypt with, and refuses to run without a key that data still needs:
 * a secret dropped from the environment too early would otherwise make that data unreadable.
 */

export interface KeyInUse {
  keyId: string;
  firstUsed: string;
}

export async function keysInUse(q: Queryable): Promise<KeyInUse[]> {
  const rows = await q.query<{ key_id: string; first_used: Date }>(
    'SELECT key_id, first_used FROM cipher_keys WHERE retired_at IS NULL ORDER BY first_used, key_id',
  );
  return rows.map((row) => ({ keyId: row.key_id, firstUsed: row.first_used.toISOString() }));
}

/** Values that any store holding personal data has one of, to tell whether a ring opens this store at all. */
const samples = [
  'SELECT text_enc AS sealed FROM inbound_messages WHERE text_enc IS NOT NULL ORDER BY id DESC LIMIT 1',
  'SELECT coalesce(id_number_enc, phone_enc) AS sealed FROM persons WHERE coalesce(id_number_enc, phone_enc) IS NOT NULL ORDER BY id DESC LIMIT 1',
];

/**
 * Refuses a key ring that lacks a key still in use, then records the ring's newest key as in use.
 * The first start after migration 029 takes every key of the ring as in use (data written before
 * keys were recorded names none), once it has checked that the ring opens what is stored.
 */
export async function checkKeyRing(db: Db, cipher: FieldCipher): Promise<{ retiredInRing: string[] }> {
  const ring = cipher.keyIds;
  const recorded = await db.query<{ key_id: string; retired_at: Date | null }>('SELECT key_id, retired_at FROM cipher_keys');
  const missing = recorded.filter((row) => row.retired_at === null && !ring.includes(row.key_id)).map((row) => row.key_id);
  if (missing.length > 0) {
    throw new ConfigError([
      `personal data here is still sealed under key ${missing.join(', ')}, which is not in LINLI_SECRET, LINLI_OLD_SECRETS or the data folder's secret.key: put it back (in LINLI_OLD_SECRETS) and let \`linli keys rotate\` finish before removing it`,
    ]);
  }
  if (recorded.length === 0) {
    for (const sql of samples) {
      const sealed = (await db.query<{ sealed: string }>(sql))[0]?.sealed;
      if (sealed === undefined) continue;
      try {
        cipher.decrypt(sealed);
      } catch {
        throw new ConfigError(['the secret for personal data does not open the data stored here: restore LINLI_SECRET (or secret.key) from a backup']);
      }
    }
  }
  const toRecord = recorded.length === 0 ? ring : [cipher.keyId];
  await db.query(
    `INSERT INTO cipher_keys (key_id) SELECT unnest($1::text[])
     ON CONFLICT (key_id) DO UPDATE SET retired_at = NULL WHERE cipher_keys.retired_at IS NOT NULL`,
    [toRecord],
  );
  // A key the ring still holds after a rotation retired it is no longer needed: the operator should remove it.
  const retired = new Set(recorded.filter((row) => row.retired_at !== null).map((row) => row.key_id));
  return { retiredInRing: ring.slice(1).filter((keyId) => retired.has(keyId)) };
}

/** Marks every key but the one kept as no longer in use; returns those retired. */
export async function retireKeysBut(q: Queryable, keptKeyId: string): Promise<string[]> {
  const rows = await q.query<{ key_id: string }>(
    'UPDATE cipher_keys SET retired_at = now() WHERE key_id <> $1 AND retired_at IS NULL RETURNING key_id',
    [keptKeyId],
  );
  return rows.map((row) => row.key_id).sort();
}
