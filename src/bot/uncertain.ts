import { randomBytes } from 'node:crypto';
import { t } from '../dialogs/messages/index.ts';
import type { Queryable } from '../store/db.ts';
import type { BotDeps } from './deps.ts';
import { writeOutbox, type QueuedSend } from './outbox.ts';

/**
 * Sends that may or may not have arrived ('uncertain'), and the worker processes that claim sends.
 *
 * A send is claimed ('sending') by one process before it goes out, and marked when the platform
 * answers. A process that dies in between leaves the claim; since every worker process says it is
 * alive now and then, a claim of a process that went quiet is known to be abandoned within
 * seconds. Such a send is never repeated (it may have arrived): it is marked uncertain, and the
 * person it answered is told that a reply may be missing and asked to send again. Should the
 * platform's answer come after all, the send is marked sent (see markSent).
 */

/** This process, as it signs its claims. */
export const workerInstance = `${process.pid}-${randomBytes(4).toString('hex')}`;

/** How often a worker process says it is alive. */
export const heartbeatEveryMs = 2_000;
/** A worker not heard of for this long is taken for dead, and its claims for abandoned. */
export const heartbeatStaleSeconds = 15;
/** A claim with no signature (an older version) is taken for abandoned after this long. */
const unsignedClaimStaleSeconds = 120;

export async function beat(q: Queryable): Promise<void> {
  await q.query(
    `INSERT INTO worker_heartbeats (instance, seen_at) VALUES ($1, now())
     ON CONFLICT (instance) DO UPDATE SET seen_at = now()`,
    [workerInstance],
  );
}

/** A process that stops on purpose says so, and forgets the dead it has outlived. */
export async function leave(q: Queryable): Promise<void> {
  await q.query(
    `DELETE FROM worker_heartbeats WHERE instance = $1 OR seen_at < now() - interval '1 day'`,
    [workerInstance],
  );
}

/**
 * Marks the one send uncertain (if it is still claimed or already so) and writes the notice to
 * the person it answered, in the same transaction. Returns the notice to queue, if any.
 */
async function markUncertain(deps: BotDeps, tx: Queryable, outboxId: number, reason: string): Promise<QueuedSend[]> {
  const rows = await tx.query<{ chat_id: number; to_account_id: number | null; is_uncertain_notice: boolean; lang: string | null }>(
    `UPDATE outbox o SET status = 'uncertain', last_error = $2
     WHERE o.id = $1 AND o.status IN ('sending', 'uncertain') AND o.uncertain_notice_id IS NULL
     RETURNING o.chat_id, o.to_account_id, o.is_uncertain_notice,
               (SELECT p.lang FROM accounts a JOIN persons p ON p.id = a.person_id WHERE a.id = o.to_account_id) AS lang`,
    [outboxId, reason],
  );
  const row = rows[0];
  // A message to nobody in particular (a notice to a group) is counted in the digest instead.
  if (!row || row.to_account_id === null || row.is_uncertain_notice) return [];
  const [queued] = await writeOutbox(
    tx,
    deps.cipher,
    deps.channels,
    [{ chatId: row.chat_id, toAccountId: row.to_account_id, text: t(row.lang ?? 'zh-CN', 'send.uncertain') }],
    deps.clock(),
    null,
  );
  if (!queued) return [];
  await tx.query('UPDATE outbox SET is_uncertain_notice = true WHERE id = $1', [queued.outboxId]);
  await tx.query('UPDATE outbox SET uncertain_notice_id = $2 WHERE id = $1', [outboxId, queued.outboxId]);
  return [queued];
}

/** A send that failed in a way that may have delivered: never repeated, its person told. */
export async function settleUncertain(deps: BotDeps, outboxId: number, reason: string): Promise<QueuedSend[]> {
  return deps.db.transaction((tx) => markUncertain(deps, tx, outboxId, reason));
}

/** Claims of processes that died (or of unsigned old claims): made uncertain, their people told. */
export async function settleAbandonedClaims(deps: BotDeps): Promise<{ settled: number; notices: QueuedSend[] }> {
  const abandoned = await deps.db.query<{ id: number }>(
    `SELECT o.id FROM outbox o
     WHERE o.status = 'sending' AND (
       (o.claimed_by IS NULL AND o.claimed_at < now() - make_interval(secs => $1))
       OR (o.claimed_by IS NOT NULL AND o.claimed_by <> $3 AND o.claimed_at < now() - make_interval(secs => $2)
           AND NOT EXISTS (SELECT 1 FROM worker_heartbeats h WHERE h.instance = o.claimed_by AND h.seen_at > now() - make_interval(secs => $2))))
     ORDER BY o.id`,
    [unsignedClaimStaleSeconds, heartbeatStaleSeconds, workerInstance],
  );
  const queued: QueuedSend[] = [];
  for (const row of abandoned) {
    queued.push(...(await settleUncertain(deps, row.id, 'the sending process stopped during the send')));
  }
  return { settled: abandoned.length, notices: queued };
}
