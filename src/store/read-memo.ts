import { transactionWrites, type Queryable, type Row } from './db.ts';

interface Memo {
  writes: number;
  rows: Promise<readonly Row[]>;
}

const memosByTransaction = new WeakMap<Queryable, Map<string, Memo>>();

/**
 * The rows of a read that a transaction may repeat (the rules of a message each asking for the
 * form in progress, the community, the running campaigns): read once, and again only after the
 * transaction has written. Outside a transaction every call reads. Callers map the rows to fresh
 * objects each time, so that no caller sees another's changes.
 */
export async function readInTransaction<T extends Row>(q: Queryable, key: string, read: () => Promise<T[]>): Promise<readonly T[]> {
  const writes = transactionWrites(q);
  if (writes === undefined) return read();
  let memos = memosByTransaction.get(q);
  if (!memos) {
    memos = new Map();
    memosByTransaction.set(q, memos);
  }
  const known = memos.get(key);
  if (known && known.writes === writes) return known.rows as Promise<readonly T[]>;
  const rows = read();
  memos.set(key, { writes, rows });
  rows.catch(() => memos.delete(key));
  return rows;
}
