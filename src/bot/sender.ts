import { maybeOne, type Queryable } from '../store/db.ts';
import type { BotDeps } from './deps.ts';
import { DeliveryError, type OutboundChannel, type SendResult } from './channels/channel.ts';
import type { Outbound } from './message.ts';
import { decryptFile } from './outbox.ts';
import { errorMessage } from '../errors.ts';
import { retryWhileUnavailable } from '../store/outage.ts';
import { queueSends } from './pipeline.ts';
import { settleUncertain, workerInstance } from './uncertain.ts';

export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'done-before' }
  | { kind: 'not-yet'; at: Date }
  | { kind: 'failed'; reason: string }
  | { kind: 'uncertain'; reason: string };

interface OutboxRow extends Record<string, unknown> {
  id: number;
  platform: string;
  status: string;
  not_before: Date;
  text_enc: string;
  platform_chat_id: string;
  chat_kind: string;
  to_platform_user_id: string | null;
  file_name: string | null;
  file_mime_type: string | null;
  file_enc: string | null;
  pin: boolean;
  recall_of: string | null;
  /** Whether an earlier message of the same chat is still open (pending or being sent). */
  earlier_open: boolean;
}

/** How soon a message waiting for an earlier one in its chat is tried again. */
const orderRetryMs = 100;

/** After this many refusals a message is given up and marked failed. */
export const maxSendAttempts = 8;

/** The wait after the first refusal that names none; it doubles with each attempt. */
const firstRetryMs = 1000;

/** How a channel says that a refusal is final (a group the bot left, a chat that is gone). */
export const permanentMark = 'permanent:';

async function lockRow(tx: Queryable, outboxId: number): Promise<OutboxRow | undefined> {
  return maybeOne<OutboxRow>(
    tx,
    `SELECT o.id, o.platform, o.status, o.not_before, o.text_enc, o.file_name, o.file_mime_type, o.file_enc, o.pin, o.recall_of,
            c.platform_chat_id, c.kind AS chat_kind,
            a.platform_user_id AS to_platform_user_id,
            EXISTS (SELECT 1 FROM outbox e WHERE e.chat_id = o.chat_id AND e.id < o.id AND e.status IN ('pending', 'sending')) AS earlier_open
     FROM outbox o JOIN chats c ON c.id = o.chat_id LEFT JOIN accounts a ON a.id = o.to_account_id
     WHERE o.id = $1 FOR UPDATE OF o`,
    [outboxId],
  );
}

function toOutbound(deps: BotDeps, row: OutboxRow): Outbound {
  const file = decryptFile(deps.cipher, row);
  return {
    outboxId: row.id,
    platform: row.platform,
    platformChatId: row.platform_chat_id,
    chatKind: row.chat_kind,
    toPlatformUserId: row.to_platform_user_id,
    text: deps.cipher.decrypt(row.text_enc),
    ...(file ? { file } : {}),
    ...(row.pin ? { pin: true } : {}),
    ...(row.recall_of !== null ? { recallOf: row.recall_of } : {}),
  };
}

/**
 * Sends one outbox message at most once. A transactional channel (the sandbox) delivers inside
 * the transaction that marks the row sent. Any other channel is claimed first ('sending'), then
 * sent, then marked: a crash in between leaves the row 'sending', and recovery marks it
 * 'uncertain' instead of sending it a second time.
 */
export async function sendOutbox(deps: BotDeps, outboxId: number): Promise<SendOutcome> {
  type Step = { outcome: SendOutcome } | { claimed: { channel: OutboundChannel; message: Outbound } };
  const first = await deps.db.transaction(async (tx): Promise<Step> => {
    const row = await lockRow(tx, outboxId);
    if (!row || row.status !== 'pending') return { outcome: { kind: 'done-before' } };
    const now = deps.clock();
    if (row.not_before.getTime() > now.getTime()) return { outcome: { kind: 'not-yet', at: row.not_before } };
    // A chat reads its messages in the order they were written: an earlier one still open goes first.
    if (row.earlier_open) return { outcome: { kind: 'not-yet', at: new Date(now.getTime() + orderRetryMs) } };
    const channel = deps.channels.get(row.platform);
    if (!channel) {
      await markFailed(tx, outboxId, `no channel for platform ${row.platform}`);
      return { outcome: { kind: 'failed', reason: 'no channel' } };
    }
    if (channel.transactional) {
      const result = await channel.send(toOutbound(deps, row), tx);
      await markSent(tx, outboxId, result);
      return { outcome: { kind: 'sent' } };
    }
    await tx.query(
      `UPDATE outbox SET status = 'sending', claimed_at = now(), claimed_by = $2, attempts = attempts + 1 WHERE id = $1`,
      [outboxId, workerInstance],
    );
    return { claimed: { channel, message: toOutbound(deps, row) } };
  });
  if ('outcome' in first) return first.outcome;
  return sendClaimed(deps, first.claimed.channel, first.claimed.message);
}

/** The store is written after a send while the database is away: the platform's answer is in hand. */
const recordPatiently = <T>(deps: BotDeps, work: () => Promise<T>): Promise<T> =>
  retryWhileUnavailable(work, {
    giveUpAfterMs: 10 * 60_000,
    onWait: (_error, delayMs) => deps.log.warn({ delayMs }, 'the database is away; the outcome of a send waits to be recorded'),
  });

async function sendClaimed(deps: BotDeps, channel: OutboundChannel, message: Outbound): Promise<SendOutcome> {
  let result: SendResult;
  try {
    result = await channel.send(message, deps.db);
  } catch (error) {
    const reason = errorMessage(error);
    if (error instanceof DeliveryError && error.delivered === 'no') {
      // A refusal that says trying again will not help fails at once; any other waits longer each time.
      // A platform's "too many requests, wait N s" is no failure of the message: it waits as told
      // and is not counted, so that a burst (a notice to a thousand groups) never loses one.
      const lastAttempt = error.message.startsWith(permanentMark) ? 0 : maxSendAttempts;
      const waitMs = error.retryAfterMs ?? null;
      const rows = await recordPatiently(deps, () =>
        deps.db.query<{ status: string; wait_ms: number }>(
          `UPDATE outbox SET status = CASE WHEN $3 = 0 OR ($4::double precision IS NULL AND attempts >= $3) THEN 'failed' ELSE 'pending' END,
                  attempts = CASE WHEN $3 > 0 AND $4::double precision IS NOT NULL THEN attempts - 1 ELSE attempts END,
                  claimed_at = NULL, last_error = $2,
                  not_before = now() + make_interval(secs => coalesce($4::double precision, $5 * power(2, attempts - 1)) / 1000)
           WHERE id = $1 AND status = 'sending'
           RETURNING status, coalesce($4::double precision, $5 * power(2, attempts - 1))::double precision AS wait_ms`,
          [message.outboxId, reason, lastAttempt, waitMs, firstRetryMs],
        ),
      );
      const row = rows[0];
      if (!row || row.status === 'failed') return { kind: 'failed', reason };
      return { kind: 'not-yet', at: new Date(deps.clock().getTime() + row.wait_ms) };
    }
    deps.log.warn({ outboxId: message.outboxId, platform: message.platform, reason }, 'a send may or may not have arrived; it is not repeated');
    const notices = await recordPatiently(deps, () => settleUncertain(deps, message.outboxId, reason));
    await queueSends(deps, notices);
    return { kind: 'uncertain', reason };
  }
  // The platform took it: recorded as soon as the database lets us, never sent again.
  await recordPatiently(deps, () => markSent(deps.db, message.outboxId, result));
  return { kind: 'sent' };
}

/** Marks a send done; also one that was taken for uncertain and that the platform confirmed after all. */
async function markSent(q: Queryable, outboxId: number, result: Pick<SendResult, 'platformMessageId' | 'pinned' | 'recalled'>): Promise<void> {
  await q.query(
    `UPDATE outbox SET status = 'sent', sent_at = now(), claimed_at = NULL, platform_message_id = $2, pinned = $3, recalled = $4
     WHERE id = $1 AND status IN ('pending', 'sending', 'uncertain')`,
    [outboxId, result.platformMessageId ?? null, result.pinned ?? null, result.recalled ?? null],
  );
}

async function markFailed(q: Queryable, outboxId: number, reason: string): Promise<void> {
  await q.query(`UPDATE outbox SET status = 'failed', last_error = $2 WHERE id = $1`, [outboxId, reason]);
}
