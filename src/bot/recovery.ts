import { pendingFollowups } from '../store/followups.ts';
import type { BotDeps } from './deps.ts';
import { queueFollowup } from './followups.ts';
import { queueInbound } from './ingest.ts';
import { queueSends } from './pipeline.ts';
import { settleAbandonedClaims } from './uncertain.ts';

export interface RecoveryReport {
  inbound: number;
  outbox: number;
  uncertain: number;
  followups: number;
}

/**
 * Queues again whatever the store says is unfinished: pending messages, pending sends and
 * follow-ups.
 * Run at start (after a crash the queue may have lost or stalled them) and now and then.
 * Handling and sending check the store first, so a job queued twice does its work once.
 */
export async function recoverUnfinished(deps: BotDeps, olderThanSeconds = 0): Promise<RecoveryReport> {
  const suffix = `-r${deps.clock().getTime()}`;
  // Sends of a process that died mid-send: not repeated; the people they answered are told.
  const { settled, notices } = await settleAbandonedClaims(deps);
  await queueSends(deps, notices);
  const inbound = await deps.db.query<{ id: number; account_id: number }>(
    `SELECT DISTINCT ON (account_id) id, account_id FROM inbound_messages
     WHERE status = 'pending' AND received_at < now() - make_interval(secs => $1)
     ORDER BY account_id, id`,
    [olderThanSeconds],
  );
  for (const row of inbound) await queueInbound(deps, row.id, row.account_id, suffix);
  const outbox = await deps.db.query<{ id: number; not_before: Date; platform: string }>(
    `SELECT id, not_before, platform FROM outbox WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)
     ORDER BY id`,
    [olderThanSeconds],
  );
  await queueSends(deps, outbox.map((row) => ({ outboxId: row.id, notBefore: row.not_before, platform: row.platform })), suffix);
  // Work recorded by a handler whose job was lost (a file to read, lines for the model).
  const followups = await pendingFollowups(deps.db, olderThanSeconds);
  for (const id of followups) await queueFollowup(deps, id, suffix);
  if (settled > 0) {
    deps.log.warn({ count: settled, told: notices.length }, 'some sends were interrupted and are not repeated; their people were told');
  }
  return { inbound: inbound.length, outbox: outbox.length, uncertain: settled, followups: followups.length };
}
