import pg from 'pg';
import { isDatabaseUnavailable } from './outage.ts';

export type Row = Record<string, unknown>;

/** The one thin interface that every repository talks to: SQL in, rows out. */
export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  readonly pool: pg.Pool;
}

/** Postgres `bigint` and `numeric` arrive as strings by default; ids here fit in a JS number. */
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
/** A `date` column is a calendar day, not an instant: keep it as 'YYYY-MM-DD'. */
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/**
 * How many statements that may write each open transaction has run. A read repeated in a
 * transaction with no write in between finds what it found before (see memoInTransaction).
 */
const writesByTransaction = new WeakMap<Queryable, number>();

/**
 * A statement that only reads: a SELECT (locking or not) that changes no setting. Anything else
 * may write; so does `set_config`, which switches the role and scope that later reads see
 * (store/staff-reads.ts).
 */
const readOnlyStatement = /^\s*SELECT\b(?![\s\S]*\bset_config\s*\()/i;

/** The writes a transaction has run so far; undefined for what is not a transaction of createDb. */
export const transactionWrites = (q: Queryable): number | undefined => writesByTransaction.get(q);

export function createDb(pool: pg.Pool): Db {
  return {
    pool,
    async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await pool.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // The pool listens for errors of idle clients only. A server that goes away while this one
      // is checked out emits 'error' here: without a listener it would crash the process. The
      // query in hand fails with it, and the broken client is not given back to the pool.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      const tx: Queryable = {
        async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
          if (!readOnlyStatement.test(sql)) writesByTransaction.set(tx, (writesByTransaction.get(tx) ?? 0) + 1);
          const result = await client.query<R>(sql, params as unknown[]);
          return result.rows;
        },
      };
      writesByTransaction.set(tx, 0);
      try {
        await client.query('BEGIN');
        const value = await work(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        if (!broken && isDatabaseUnavailable(error)) broken = error instanceof Error ? error : new Error(String(error));
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken ?? false);
      }
    },
  };
}

export async function one<T extends Row>(q: Queryable, sql: string, params: readonly unknown[] = []): Promise<T> {
  const rows = await q.query<T>(sql, params);
  const row = rows[0];
  if (!row) throw new Error(`expected one row, got none: ${sql.slice(0, 60)}`);
  return row;
}

export async function maybeOne<T extends Row>(
  q: Queryable,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T | undefined> {
  const rows = await q.query<T>(sql, params);
  return rows[0];
}
