import { maybeOne, type Queryable } from './db.ts';

/**
 * Merging records that turn out to be one: every row that points at the merged one is pointed at
 * the kept one, whatever table it is in, so that tables added later are merged too.
 */
export interface ForeignKey extends Record<string, unknown> {
  table_name: string;
  column_name: string;
}

const uniqueViolation = '23505';
const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === uniqueViolation;

/**
 * Every column that points at a table, read from the catalogue: tables added later (by any
 * feature) are merged too, instead of blocking the delete or losing rows to a cascade.
 */
export async function columnsReferencing(q: Queryable, table: 'accounts' | 'persons' | 'chats'): Promise<ForeignKey[]> {
  return q.query<ForeignKey>(
    `SELECT c.conrelid::regclass::text AS table_name, quote_ident(a.attname) AS column_name
     FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     WHERE c.contype = 'f' AND c.confrelid = $1::regclass AND cardinality(c.conkey) = 1
     ORDER BY 1, 2`,
    [table],
  );
}

export async function countReferences(q: Queryable, keys: readonly ForeignKey[], id: number, skipTable?: string): Promise<number> {
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
export async function repoint(q: Queryable, keys: readonly ForeignKey[], fromId: number, toId: number): Promise<void> {
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

/**
 * The merged person joins the kept one: every row of theirs (accounts, reports, rooms...) moves,
 * and what only the merged record knew (a name, an ID number) is kept.
 */
export async function mergePersonInto(q: Queryable, keptPersonId: number, mergedPersonId: number): Promise<void> {
  if (keptPersonId === mergedPersonId) return;
  await repoint(q, await columnsReferencing(q, 'persons'), mergedPersonId, keptPersonId);
  const merged = await maybeOne<Record<string, unknown>>(q, 'DELETE FROM persons WHERE id = $1 RETURNING *', [mergedPersonId]);
  if (!merged) return;
  await q.query(
    `UPDATE persons SET
       name = coalesce(name, $2),
       id_number_enc = CASE WHEN id_number_hash IS NULL THEN $3 ELSE id_number_enc END,
       id_number_hash = coalesce(id_number_hash, $4),
       phone_enc = CASE WHEN phone_hash IS NULL THEN $5 ELSE phone_enc END,
       phone_hash = coalesce(phone_hash, $6),
       listed_by_landlord = listed_by_landlord AND $7,
       updated_at = now()
     WHERE id = $1`,
    [keptPersonId, merged['name'] ?? null, merged['id_number_enc'] ?? null, merged['id_number_hash'] ?? null, merged['phone_enc'] ?? null, merged['phone_hash'] ?? null, merged['listed_by_landlord'] === true],
  );
}
