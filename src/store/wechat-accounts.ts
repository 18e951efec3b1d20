import { maybeOne, type Queryable } from './db.ts';

/**
 * WeChat user ids are not stable: after the bot logs in again (or on a web-protocol puppet,
 * every login) a resident may arrive under a new id. The person behind it keeps their records:
 * the account row, keyed by platform user id, is moved to the new id, and what the new id did in
 * the meantime is merged into it.
 */
const wechatPlatform = 'wechat';
const uniqueViolation = '23505';

export type RelinkResult =
  /** No account has the old id: nothing to keep. */
  | { kind: 'unknown' }
  | { kind: 'same'; accountId: number }
  /** The new id had no history of its own: the account simply answers to the new id now. */
  | { kind: 'moved'; accountId: number }
  /** The new id had history: it now belongs to the old account (and its person, where it had its own). */
  | { kind: 'merged'; accountId: number; personMerged: boolean };

interface AccountRow extends Record<string, unknown> {
  id: number;
  person_id: number;
  display_name: string | null;
}

interface ForeignKey extends Record<string, unknown> {
  table_name: string;
  column_name: string;
}

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === uniqueViolation;

const lockAccount = (q: Queryable, userId: string) =>
  maybeOne<AccountRow>(
    q,
    'SELECT id, person_id, display_name FROM accounts WHERE platform = $1 AND platform_user_id = $2 FOR UPDATE',
    [wechatPlatform, userId],
  );

/**
 * Every column that points at a table, read from the catalogue: tables added later (by any
 * feature) are merged too, instead of blocking the delete or losing rows to a cascade.
 */
async function columnsReferencing(q: Queryable, table: 'accounts' | 'persons'): Promise<ForeignKey[]> {
  return q.query<ForeignKey>(
    `SELECT c.conrelid::regclass::text AS table_name, quote_ident(a.attname) AS column_name
     FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     WHERE c.contype = 'f' AND c.confrelid = $1::regclass AND cardinality(c.conkey) = 1
     ORDER BY 1, 2`,
    [table],
  );
}

async function countReferences(q: Queryable, keys: readonly ForeignKey[], id: number, skipTable?: string): Promise<number> {
  let count = 0;
  for (const key of keys) {
    if (key.table_name === skipTable) continue;
    const rows = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${key.table_name} WHERE ${key.column_name} = $1`, [id]);
    count += rows[0]?.n ?? 0;
  }
  return count;
}

/** Runs `work` so that a unique violation undoes only itself; returns false when it hit one. */
async function withinSavepoint(q: Queryable, work: () => Promise<void>): Promise<boolean> {
  await q.query('SAVEPOINT linli_relink');
  try {
    await work();
    await q.query('RELEASE SAVEPOINT linli_relink');
    return true;
  } catch (error) {
    await q.query('ROLLBACK TO SAVEPOINT linli_relink');
    await q.query('RELEASE SAVEPOINT linli_relink');
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Points every row from `fromId` to `toId`. A row that cannot move because the target already
 * has its twin (the same greeting, the same day's check-in) is a duplicate and is dropped.
 */
async function repoint(q: Queryable, keys: readonly ForeignKey[], fromId: number, toId: number): Promise<void> {
  for (const { table_name: table, column_name: column } of keys) {
    const whole = await withinSavepoint(q, async () => {
      await q.query(`UPDATE ${table} SET ${column} = $2 WHERE ${column} = $1`, [fromId, toId]);
    });
    if (whole) continue;
    const rows = await q.query<{ ctid: string }>(`SELECT ctid::text AS ctid FROM ${table} WHERE ${column} = $1`, [fromId]);
    for (const row of rows) {
      const moved = await withinSavepoint(q, async () => {
        await q.query(`UPDATE ${table} SET ${column} = $2 WHERE ctid = $1::tid`, [row.ctid, toId]);
      });
      if (!moved) await q.query(`DELETE FROM ${table} WHERE ctid = $1::tid`, [row.ctid]);
    }
  }
}

/** One form in progress per account: of two, the one touched last goes on. */
async function keepLatestSession(q: Queryable, keptAccountId: number, mergedAccountId: number): Promise<void> {
  await q.query(
    `UPDATE dialog_sessions SET status = 'cancelled', updated_at = now()
     WHERE id IN (
       SELECT id FROM dialog_sessions WHERE account_id = ANY($1::bigint[]) AND status = 'active'
       ORDER BY updated_at DESC, id DESC OFFSET 1)`,
    [[keptAccountId, mergedAccountId]],
  );
}

/** The person of the merged account joins the kept person, when no other account holds it. */
async function mergePerson(q: Queryable, keptPersonId: number, mergedPersonId: number): Promise<boolean> {
  if (keptPersonId === mergedPersonId) return false;
  const others = await q.query('SELECT 1 FROM accounts WHERE person_id = $1 LIMIT 1', [mergedPersonId]);
  if (others.length > 0) return false;
  await repoint(q, await columnsReferencing(q, 'persons'), mergedPersonId, keptPersonId);
  const merged = await maybeOne<Record<string, unknown>>(q, 'DELETE FROM persons WHERE id = $1 RETURNING *', [mergedPersonId]);
  if (merged) {
    // What only the newer record knew (a name, an ID number given since) is kept.
    await q.query(
      `UPDATE persons SET
         name = coalesce(name, $2),
         id_number_enc = CASE WHEN id_number_hash IS NULL THEN $3 ELSE id_number_enc END,
         id_number_hash = coalesce(id_number_hash, $4),
         phone_enc = CASE WHEN phone_hash IS NULL THEN $5 ELSE phone_enc END,
         phone_hash = coalesce(phone_hash, $6),
         updated_at = now()
       WHERE id = $1`,
      [keptPersonId, merged.name ?? null, merged.id_number_enc ?? null, merged.id_number_hash ?? null, merged.phone_enc ?? null, merged.phone_hash ?? null],
    );
  }
  return true;
}

/**
 * The WeChat account known as `oldUserId` is from now on `newUserId`, with its person, reports and
 * private chat. Run it in a transaction: a merge is many statements, and a failure must undo all.
 */
export async function relinkWechatAccount(q: Queryable, oldUserId: string, newUserId: string): Promise<RelinkResult> {
  const kept = await lockAccount(q, oldUserId);
  if (!kept) return { kind: 'unknown' };
  if (oldUserId === newUserId) return { kind: 'same', accountId: kept.id };
  const merged = await lockAccount(q, newUserId);
  let result: RelinkResult = { kind: 'moved', accountId: kept.id };
  if (merged) {
    const accountKeys = await columnsReferencing(q, 'accounts');
    const personHistory =
      merged.person_id === kept.person_id ? 0 : await countReferences(q, await columnsReferencing(q, 'persons'), merged.person_id, 'accounts');
    const hasHistory = (await countReferences(q, accountKeys, merged.id)) + personHistory > 0;
    await keepLatestSession(q, kept.id, merged.id);
    await repoint(q, accountKeys, merged.id, kept.id);
    await q.query('DELETE FROM accounts WHERE id = $1', [merged.id]);
    const personMerged = await mergePerson(q, kept.person_id, merged.person_id);
    if (hasHistory) result = { kind: 'merged', accountId: kept.id, personMerged };
  }
  await q.query('UPDATE accounts SET platform_user_id = $2, display_name = coalesce($3, display_name) WHERE id = $1', [
    kept.id,
    newUserId,
    merged?.display_name ?? null,
  ]);
  // The private chat goes with the person, unless the new id has one of its own already.
  await q.query(
    `UPDATE chats SET platform_chat_id = $2
     WHERE platform = $3 AND kind = 'private' AND platform_chat_id = $1
       AND NOT EXISTS (SELECT 1 FROM chats WHERE platform = $3 AND platform_chat_id = $2)`,
    [oldUserId, newUserId, wechatPlatform],
  );
  return result;
}
