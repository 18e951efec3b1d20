import type { FieldCipher } from '../privacy/index.ts';
import { keysInUse, retireKeysBut } from './cipher-keys.ts';
import type { Db, Queryable, Row } from './db.ts';
import { sealedTables, type RotatedRow, type SealedTable } from './key-rotation-tables.ts';

/**
 * Key rotation: every value sealed under an older key is sealed again under the ring's newest,
 * and every keyed hash computed again, table by table in batches by id, while Linli runs. Each
 * batch is one transaction that also records how far the table has come, so a rotation that is
 * killed goes on from there. Once every table is done and no value under an older key is left,
 * the older keys are retired: Linli no longer needs them, and says so.
 */

export interface RotationOptions {
  batchSize?: number;
  /** Called after each batch is committed, with the table and how many rows it sealed again. */
  onBatch?: (table: string, resealed: number) => void;
  tables?: readonly SealedTable[];
}

export interface TableProgress {
  table: string;
  lastId: number;
  resealed: number;
  done: boolean;
}

export interface RotationResult {
  targetKeyId: string;
  tables: TableProgress[];
  /** Keys no longer in use once the rotation is done. */
  retired: string[];
}

const defaultBatch = 500;

/** A value still to be sealed again: not under the target key (null and '' hold nothing). */
const stale = (cipher: FieldCipher, value: unknown): value is string =>
  typeof value === 'string' && value !== '' && cipher.sealedUnder(value) !== cipher.keyId;

const olderThanTarget = (spec: SealedTable, target: string) =>
  spec.sealed.map((column) => `(${column} IS NOT NULL AND ${column} <> '' AND ${column} NOT LIKE 'v2:${target}:%')`).join(' OR ');

/** One batch of a table after `afterId`: its rows sealed again and hashed again; the last id seen, or null at the end. */
async function rotateBatch(
  tx: Queryable,
  cipher: FieldCipher,
  spec: SealedTable,
  afterId: number,
  size: number,
  everyRow: boolean,
): Promise<{ lastId: number | null; resealed: number }> {
  const columns = ['id', ...spec.sealed, ...spec.hashed.map((hashed) => hashed.column), ...spec.read];
  const filter = everyRow ? 'true' : `(${olderThanTarget(spec, cipher.keyId)})`;
  const rows = await tx.query<Row & { id: number }>(
    `SELECT ${columns.join(', ')} FROM ${spec.table} WHERE id > $1 AND ${filter} ORDER BY id LIMIT $2 FOR UPDATE`,
    [afterId, size],
  );
  const last = rows.at(-1);
  if (!last) return { lastId: null, resealed: 0 };
  const rotated: RotatedRow[] = [];
  const changed: RotatedRow[] = [];
  for (const row of rows) {
    const plain = new Map<string, string | null>();
    let needs = false;
    for (const column of spec.sealed) {
      const value = row[column];
      plain.set(column, typeof value === 'string' && value !== '' ? cipher.decrypt(value) : null);
      if (stale(cipher, value)) needs = true;
    }
    rotated.push({ row, plain });
    // A hash is written with the value it is of, under the same key: a row sealed under the target is hashed under it.
    if (needs) changed.push({ row, plain });
  }
  if (changed.length > 0) {
    const params: unknown[] = [changed.map(({ row }) => row.id)];
    const sets: string[] = [];
    for (const column of spec.sealed) {
      params.push(changed.map(({ row, plain }) => {
        const value = plain.get(column);
        return value === null || value === undefined ? row[column] : cipher.encrypt(value);
      }));
      sets.push(`${column} = u.c${params.length}`);
    }
    for (const hashed of spec.hashed) {
      params.push(changed.map(({ plain }) => {
        const value = plain.get(hashed.of);
        return value === null || value === undefined ? null : cipher.hash(hashed.kind, value);
      }));
      sets.push(`${hashed.column} = u.c${params.length}`);
    }
    const unnested = params.map((_, index) => `$${index + 1}::${index === 0 ? 'bigint' : 'text'}[]`).join(', ');
    const names = ['id', ...params.slice(1).map((_, index) => `c${index + 2}`)].join(', ');
    await tx.query(`UPDATE ${spec.table} t SET ${sets.join(', ')} FROM unnest(${unnested}) AS u(${names}) WHERE t.id = u.id`, params);
  }
  await spec.finish?.(tx, cipher, rotated);
  return { lastId: last.id, resealed: changed.length };
}

async function progressOf(q: Queryable, target: string, table: string): Promise<TableProgress> {
  await q.query('INSERT INTO key_rotation_progress (target_key_id, table_name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [target, table]);
  const [row] = await q.query<{ last_id: number; resealed: number; done_at: Date | null }>(
    'SELECT last_id, resealed, done_at FROM key_rotation_progress WHERE target_key_id = $1 AND table_name = $2',
    [target, table],
  );
  return { table, lastId: row?.last_id ?? 0, resealed: row?.resealed ?? 0, done: Boolean(row?.done_at) };
}

/** Deadlocks with the live bot's own writes are retried; anything else stops the rotation, which resumes when run again. */
async function withRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= 5 || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}

async function walkTable(db: Db, cipher: FieldCipher, spec: SealedTable, options: RotationOptions): Promise<TableProgress> {
  const target = cipher.keyId;
  let progress = await progressOf(db, target, spec.table);
  const size = options.batchSize ?? defaultBatch;
  while (!progress.done) {
    const afterId = progress.lastId;
    const step = await withRetry(() =>
      db.transaction(async (tx) => {
        const batch = await rotateBatch(tx, cipher, spec, afterId, size, spec.everyRow);
        await tx.query(
          `UPDATE key_rotation_progress SET last_id = coalesce($3, last_id), resealed = resealed + $4,
             done_at = CASE WHEN $3::bigint IS NULL THEN now() END
           WHERE target_key_id = $1 AND table_name = $2`,
          [target, spec.table, batch.lastId, batch.resealed],
        );
        return batch;
      }),
    );
    progress = { ...progress, lastId: step.lastId ?? progress.lastId, resealed: progress.resealed + step.resealed, done: step.lastId === null };
    if (step.lastId !== null) options.onBatch?.(spec.table, step.resealed);
  }
  return progress;
}

/**
 * A last pass over the values a process still running on the old key ring may have written
 * behind the walk: only rows sealed under another key, by a plain scan that decrypts nothing else.
 */
async function sweep(db: Db, cipher: FieldCipher, spec: SealedTable, options: RotationOptions): Promise<number> {
  let afterId = 0;
  let resealed = 0;
  for (;;) {
    const from = afterId;
    const step = await withRetry(() => db.transaction((tx) => rotateBatch(tx, cipher, spec, from, options.batchSize ?? defaultBatch, false)));
    if (step.lastId === null) return resealed;
    afterId = step.lastId;
    resealed += step.resealed;
  }
}

/** Walks every table to the ring's newest key, from where an earlier run stopped, and retires the older keys. */
export async function rotateKeys(db: Db, cipher: FieldCipher, options: RotationOptions = {}): Promise<RotationResult> {
  const tables: TableProgress[] = [];
  for (const spec of options.tables ?? sealedTables) tables.push(await walkTable(db, cipher, spec, options));
  for (const spec of options.tables ?? sealedTables) {
    const late = await sweep(db, cipher, spec, options);
    const progress = tables.find((table) => table.table === spec.table);
    if (progress && late > 0) progress.resealed += late;
  }
  const retired = await retireKeysBut(db, cipher.keyId);
  return { targetKeyId: cipher.keyId, tables, retired };
}

export interface RotationStatus {
  ringKeyIds: readonly string[];
  keysInUse: string[];
  /** The rotation towards the ring's newest key, per table; empty when none has begun. */
  tables: TableProgress[];
}

export async function rotationStatus(q: Queryable, cipher: FieldCipher): Promise<RotationStatus> {
  const rows = await q.query<{ table_name: string; last_id: number; resealed: number; done_at: Date | null }>(
    'SELECT table_name, last_id, resealed, done_at FROM key_rotation_progress WHERE target_key_id = $1',
    [cipher.keyId],
  );
  const byTable = new Map(rows.map((row) => [row.table_name, row]));
  return {
    ringKeyIds: cipher.keyIds,
    keysInUse: (await keysInUse(q)).map((key) => key.keyId),
    tables: byTable.size === 0
      ? []
      : sealedTables.map(({ table }) => {
          const row = byTable.get(table);
          return { table, lastId: row?.last_id ?? 0, resealed: row?.resealed ?? 0, done: Boolean(row?.done_at) };
        }),
  };
}
