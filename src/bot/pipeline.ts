import { getAccount } from '../store/accounts.ts';
import { getChat } from '../store/chats.ts';
import type { Queryable } from '../store/db.ts';
import { maskText } from '../privacy/index.ts';
import { updatePerson } from '../store/persons.ts';
import { languageOfGreeting } from './language.ts';
import { t } from '../dialogs/messages/index.ts';
import { localDay } from '../time.ts';
import type { BotDeps } from './deps.ts';
import type { HandledMessage, HandlerContext, LaterJob, Route } from './handler.ts';
import type { Reply } from './message.ts';
import { writeOutbox, type QueuedSend } from './outbox.ts';
import { channelPrivateChatIds } from './private-chat.ts';
import { errorMessage } from '../errors.ts';
import { isDatabaseUnavailable } from '../store/outage.ts';
import { floodRoutes, owesFloodNotice } from './flood.ts';
import { maxInboundTextChars } from './inbound-text.ts';
import { queueInbound } from './ingest.ts';
import { endTurn, messagesPerTurn, passTurn } from './turns.ts';
import { inboundRow, nextPending, toHandledMessage, type PendingRow } from './pending.ts';
import { outboxQueueOf } from './outbox-queue.ts';

/** A message whose handling fails this often is given up with an apology, so later ones proceed. */
export const maxHandleAttempts = 3;

/**
 * A message that is not routed: one cut to the size kept (its sender is told what to send
 * instead), or one over the flood limit (the first of a run gets the notice). Undefined for any other.
 */
type UnreadRoute = (typeof floodRoutes)[keyof typeof floodRoutes] | 'too-long';

async function answerUnread(tx: Queryable, row: PendingRow, context: HandlerContext): Promise<UnreadRoute | undefined> {
  if (row.limited) {
    if (!(await owesFloodNotice(tx, row.account_id, row.id))) return floodRoutes.quiet;
    context.reply(t(context.lang, 'input.too-fast'));
    return floodRoutes.notice;
  }
  if (row.truncated) {
    context.reply(t(context.lang, 'input.too-long', { limit: maxInboundTextChars }));
    return 'too-long';
  }
  return undefined;
}

/** A stored message as its handler saw it, with the day it was read against: for work done after the handler. */
export async function loadInbound(
  deps: BotDeps,
  tx: Queryable,
  inboundId: number,
): Promise<{ message: HandledMessage; today: string | null }> {
  const row = await inboundRow(tx, inboundId);
  return { message: toHandledMessage(deps, row), today: row.today };
}

/** What a handler gets; also built by jobs that answer a message after its handler (follow-ups). */
export function contextFor(
  deps: BotDeps,
  tx: Queryable,
  message: HandledMessage,
  today: string | null,
  replies: Reply[],
  jobs: LaterJob[],
): HandlerContext {
  const now = deps.clock();
  return {
    settings: deps.settings,
    model: deps.model,
    log: deps.log.child({ inboundId: message.id }),
    privateChatId: channelPrivateChatIds(deps),
    privateInviteLink: (platform, code) => deps.channels.get(platform)?.privateInviteLink?.(code),
    message,
    tx,
    cipher: deps.cipher,
    now,
    today: today ?? localDay(now, deps.timeZone),
    timeZone: deps.timeZone,
    lang: message.account.lang,
    reply(text) {
      replies.push({
        chatId: message.chat.id,
        toAccountId: message.chat.kind === 'private' || message.mentionsBot ? message.account.accountId : null,
        text,
      });
    },
    say(reply) {
      replies.push(reply);
    },
    later(job) {
      jobs.push(job);
    },
  };
}

/** A person who calls the bot in English (or Chinese) is answered in that language from then on. */
async function followLanguage(deps: BotDeps, tx: Queryable, context: HandlerContext): Promise<void> {
  const lang = languageOfGreeting(context.message.text);
  if (!lang || lang === context.lang) return;
  await updatePerson(tx, deps.cipher, context.message.account.personId, { lang });
  context.lang = lang;
}

export type HandleOutcome =
  | { kind: 'none' }
  | { kind: 'busy' }
  /** `next`: the account's oldest message still waiting, for which its turn is kept; none ends the turn. */
  | { kind: 'handled'; inboundId: number; route: Route | UnreadRoute; next: number | undefined }
  | { kind: 'gave-up'; inboundId: number };

/**
 * Handles the oldest pending message of an account: route, handle, write the replies to the
 * outbox, mark the message handled and pass the account's turn on (see passTurn), all in one
 * transaction under the account's lock.
 */
export async function handleNext(deps: BotDeps, accountId: number): Promise<HandleOutcome> {
  let current: PendingRow | undefined;
  let queued: QueuedSend[] = [];
  let later: LaterJob[] = [];
  try {
    const outcome = await deps.db.transaction(async (tx): Promise<HandleOutcome> => {
      const next = await nextPending(tx, accountId);
      if (next === 'busy') return { kind: 'busy' };
      current = next;
      if (!current) return { kind: 'none' };
      const message = toHandledMessage(deps, current);
      const replies: Reply[] = [];
      later = [];
      const context = contextFor(deps, tx, message, current.today, replies, later);
      const unread = await answerUnread(tx, current, context);
      if (unread === undefined) await followLanguage(deps, tx, context);
      const route = unread ?? (await deps.router.dispatch(context));
      queued = await writeOutbox(tx, deps.cipher, deps.channels, replies, context.now, current.id, [message.chat]);
      await tx.query(
        `UPDATE inbound_messages SET status = 'handled', route = $2, handled_at = now(), attempts = attempts + 1
         WHERE id = $1`,
        [current.id, route],
      );
      return { kind: 'handled', inboundId: current.id, route, next: await passTurn(tx, accountId) };
    });
    await queueSends(deps, queued);
    await queueLater(deps, later);
    return outcome;
  } catch (error) {
    // A database that went away is no fault of the message: the turn is tried again, uncounted.
    if (!current || isDatabaseUnavailable(error)) throw error;
    return recordFailure(deps, current, error);
  }
}

/** Queues the jobs a handler left for after its transaction (reminders, expiries, follow-ups). */
export async function queueLater(deps: Pick<BotDeps, 'jobs'>, later: readonly LaterJob[]): Promise<void> {
  for (const job of later) await deps.jobs.add(job.queue ?? 'timers', job.name, job.data, { jobId: job.jobId, delayMs: job.delayMs });
}

/** Why work failed, as it may be stored and logged: masked (an error may quote a message), and short. */
export const failureReason = (error: unknown): string => maskText(errorMessage(error)).slice(0, 500);

/** Counts a failed attempt; after the last one the person gets an apology and the queue moves on. */
async function recordFailure(deps: BotDeps, row: PendingRow, error: unknown): Promise<HandleOutcome> {
  const reason = failureReason(error);
  deps.log.error({ inboundId: row.id, reason }, 'handling a message failed');
  let queued: QueuedSend[] = [];
  const gaveUp = await deps.db.transaction(async (tx) => {
    const rows = await tx.query<{ attempts: number }>(
      `UPDATE inbound_messages SET attempts = attempts + 1, last_error = $2,
              status = CASE WHEN attempts + 1 >= $3 THEN 'failed' ELSE status END
       WHERE id = $1 AND status = 'pending' RETURNING attempts`,
      [row.id, reason, maxHandleAttempts],
    );
    const attempts = rows[0]?.attempts ?? 0;
    if (attempts < maxHandleAttempts) return false;
    const account = await getAccount(tx, row.account_id);
    const chat = await getChat(tx, row.chat_id);
    const apology: Reply = {
      chatId: chat.id,
      toAccountId: account.accountId,
      text: t(account.lang, 'error.sorry'),
    };
    queued = await writeOutbox(tx, deps.cipher, deps.channels, [apology], deps.clock(), row.id);
    return true;
  });
  if (!gaveUp) throw error;
  await queueSends(deps, queued);
  return { kind: 'gave-up', inboundId: row.id };
}

/**
 * Queues the sending of outbox rows at their slots. The job id makes a repeat harmless; a
 * suffix gives a deliberate second job (a retry later, a recovery after a crash) an id of its own.
 */
export async function queueSends(deps: BotDeps, queued: readonly QueuedSend[], jobSuffix = ''): Promise<void> {
  const now = deps.clock().getTime();
  for (const send of queued) {
    await deps.jobs.add(outboxQueueOf(send.platform), 'send', { outboxId: send.outboxId }, {
      jobId: `out-${send.outboxId}${jobSuffix}`,
      delayMs: send.notBefore.getTime() - now,
    });
  }
}

/**
 * For work that is not an answer to a message (timers, schedules): runs `work` in one
 * transaction, writes what it wants said to the outbox in the same transaction, and queues the
 * sends after the commit. Returns how many messages were queued.
 */
export async function sayInTransaction(deps: BotDeps, work: (tx: Queryable) => Promise<Reply[]>): Promise<number> {
  let queued: QueuedSend[] = [];
  await deps.db.transaction(async (tx) => {
    const replies = await work(tx);
    queued = await writeOutbox(tx, deps.cipher, deps.channels, replies, deps.clock(), null);
  });
  await queueSends(deps, queued);
  return queued.length;
}

/**
 * One turn of an account: handles up to `messagesPerTurn` of its pending messages, oldest first,
 * then ends the turn; when more wait, the next turn is queued behind everyone else's. Returns how
 * many were handled.
 */
export async function takeTurn(deps: BotDeps, accountId: number, inboundId: number): Promise<number> {
  let count = 0;
  while (count < messagesPerTurn) {
    const outcome = await handleNext(deps, accountId);
    if (outcome.kind === 'busy') {
      // Someone holds the account's lock: most likely a second turn of this account (queued again
      // by the sweep), possibly another Linli on the same database. Rather than hold a worker
      // while waiting, this turn comes back a moment later.
      await queueInbound(deps, inboundId, accountId, uniqueJobSuffix('b'), busyRetryMs);
      return count;
    }
    if (outcome.kind === 'none') break;
    count += 1;
    if (outcome.kind === 'handled') {
      // The handling transaction passed the turn on: ended it, or kept it for the next message.
      if (outcome.next === undefined) return count;
      if (count >= messagesPerTurn) {
        await queueInbound(deps, outcome.next, accountId, uniqueJobSuffix('t'));
        return count;
      }
    }
  }
  const next = await endTurn(deps, accountId);
  if (next !== undefined) await queueInbound(deps, next, accountId, uniqueJobSuffix('t'));
  return count;
}

/** How soon a turn that found its account's lock taken comes back. */
const busyRetryMs = 250;

/** Real time and a random tail: a test clock may stand still, and a job id must be new. */
const uniqueJobSuffix = (kind: string) => `-${kind}${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
