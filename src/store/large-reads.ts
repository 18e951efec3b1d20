import type { Queryable } from './db.ts';

/**
 * For the rest of the caller's transaction, room for the statements that read a whole community
 * (the digest's counts over hundreds of thousands of residents): their sorts and hash tables kept
 * in memory rather than spilled to disk, and no JIT compilation, which cost those statements
 * longer than it saved. Outside a transaction it lasts for this one statement, that is not at all.
 */
export async function allowLargeReads(q: Queryable): Promise<void> {
  await q.query("SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)");
}
