import type { Queryable } from '../store/db.ts';
import type { BotDeps } from './deps.ts';

/**
 * Accounts take turns. An account with messages waiting has one turn in the queue (a row in
 * account_turns and one job); a turn handles a few messages and, if more wait, queues the next
 * turn at the back. So a person who sends five hundred messages is served a few at a time,
 * between everyone else, instead of ahead of them.
 */
export const messagesPerTurn = 5;

/**
 * In the transaction that stores a message: whether the account needs a turn queued. The upsert
 * locks the account's turn row, so a turn that is ending waits for this message to be stored
 * and then sees it.
 */
export async function claimTurn(tx: Queryable, accountId: number): Promise<boolean> {
  const rows = await tx.query<{ fresh: boolean }>(
    `INSERT INTO account_turns (account_id) VALUES ($1)
     ON CONFLICT (account_id) DO UPDATE SET account_id = EXCLUDED.account_id
     RETURNING (xmax = 0) AS fresh`,
    [accountId],
  );
  return rows[0]?.fresh === true;
}

/**
 * Ends an account's turn in the caller's transaction: gives up its row first (waiting for any
 * message being stored), then looks again. Returns the oldest message still waiting, for which
 * the turn row is kept: the caller handles it in this turn or queues the next turn for it.
 */
export async function passTurn(tx: Queryable, accountId: number): Promise<number | undefined> {
  await tx.query('DELETE FROM account_turns WHERE account_id = $1', [accountId]);
  const rows = await tx.query<{ id: number }>(
    `SELECT id FROM inbound_messages WHERE account_id = $1 AND status = 'pending' ORDER BY id LIMIT 1`,
    [accountId],
  );
  const next = rows[0]?.id;
  if (next !== undefined) await tx.query('INSERT INTO account_turns (account_id) VALUES ($1) ON CONFLICT DO NOTHING', [accountId]);
  return next;
}

/** Ends an account's turn in a transaction of its own (see passTurn). */
export async function endTurn(deps: Pick<BotDeps, 'db'>, accountId: number): Promise<number | undefined> {
  return deps.db.transaction((tx) => passTurn(tx, accountId));
}
