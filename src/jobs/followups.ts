import { z } from 'zod';
import type { BotDeps } from '../bot/deps.ts';
import type { HandledMessage, HandlerContext, LaterJob } from '../bot/handler.ts';
import type { Reply } from '../bot/message.ts';
import { writeOutbox, type QueuedSend } from '../bot/outbox.ts';
import { contextFor, failureReason, loadInbound, queueLater, queueSends } from '../bot/pipeline.ts';
import { ReadElsewhereError } from '../bot/channels/files.ts';
import { rosterFileFollowup } from '../bot/handlers/roster/file.ts';
import { rosterModelFollowup } from '../bot/handlers/roster/model-reading.ts';
import { countTry, finishFollowup, lockFollowup, recordFollowupError, uncountTry } from '../store/followups.ts';
import { localDay } from '../time.ts';
import { rosterFileWork } from './roster-file.ts';
import { rosterModelWork } from './roster-model.ts';
import { formModelWork } from './form-model.ts';
import { digestRequestWork } from './digest-request.ts';
import { digestFollowup } from '../bot/handlers/digest.ts';
import { formModelFollowup } from '../bot/handlers/registration/model-reading.ts';
import { registryFileFollowup } from '../bot/handlers/registry-import.ts';
import { registryFileWork } from './registry-file.ts';

/** What to do in the transaction that finishes a follow-up: decide, write, and say (as a handler does). */
export type Finish = (context: HandlerContext) => Promise<void>;

/** One kind of follow-up. Each checks its own data: it was stored by an earlier version, maybe. */
export interface FollowupWork {
  /** The slow part, outside any transaction (fetching a file, asking the model). Throws to be tried again. */
  prepare(deps: BotDeps, data: unknown, message: HandledMessage, today: string): Promise<Finish>;
  /** After the last try failed: what the person is told. */
  giveUp(data: unknown): Finish;
}

const kinds: Readonly<Record<string, FollowupWork>> = {
  [rosterFileFollowup]: rosterFileWork,
  [rosterModelFollowup]: rosterModelWork,
  [formModelFollowup]: formModelWork,
  [digestFollowup]: digestRequestWork,
  [registryFileFollowup]: registryFileWork,
};

export const followupJobData = z.object({ followupId: z.number().int().positive() });

/** Tries of one follow-up, across jobs and restarts, before the person is told it failed. */
export const maxFollowupTries = 4;
/** How long work that only another process can do waits for that process (a WeChat login elsewhere). */
export const elsewhereWaitMs = 10 * 60_000;

interface Started {
  kind: string;
  createdAt: Date;
  data: unknown;
  tries: number;
  message: HandledMessage;
  today: string;
}

async function start(deps: BotDeps, followupId: number): Promise<Started | undefined> {
  return deps.db.transaction(async (tx) => {
    const followup = await lockFollowup(tx, deps.cipher, followupId);
    if (!followup || followup.status !== 'pending') return undefined;
    const tries = await countTry(tx, followupId);
    if (tries === undefined) return undefined;
    const { message, today } = await loadInbound(deps, tx, followup.inboundId);
    const day = today ?? localDay(deps.clock(), deps.timeZone);
    return { kind: followup.kind, createdAt: followup.createdAt, data: followup.data, tries, message, today: day };
  });
}

/**
 * Finishes a follow-up in one transaction, once: what `finish` decides and says is written with
 * the follow-up marked done (or failed), as a handler's replies are written with its message.
 */
async function finishOnce(deps: BotDeps, followupId: number, today: string, finish: Finish, outcome: 'done' | 'failed', error?: string): Promise<void> {
  let queued: QueuedSend[] = [];
  const later: LaterJob[] = [];
  await deps.db.transaction(async (tx) => {
    const followup = await lockFollowup(tx, deps.cipher, followupId);
    if (!followup || followup.status !== 'pending') return;
    const { message } = await loadInbound(deps, tx, followup.inboundId);
    const replies: Reply[] = [];
    const context = contextFor(deps, tx, message, today, replies, later);
    await finish(context);
    queued = await writeOutbox(tx, deps.cipher, deps.channels, replies, context.now, followup.inboundId);
    await finishFollowup(tx, followupId, outcome, error);
  });
  await queueSends(deps, queued);
  await queueLater(deps, later);
}

/**
 * Does one follow-up: the slow part first, outside any transaction, then the decision and the
 * replies in one. A failure is tried again (the job is retried) until the last try, after which
 * the person is told; a follow-up that is no longer pending is left alone.
 */
export async function runFollowup(deps: BotDeps, data: unknown): Promise<void> {
  const { followupId } = followupJobData.parse(data);
  const started = await start(deps, followupId);
  if (!started) return;
  const work = kinds[started.kind];
  if (!work) {
    deps.log.warn({ followupId, kind: started.kind }, 'a follow-up of an unknown kind was dropped');
    await deps.db.transaction((tx) => finishFollowup(tx, followupId, 'failed', `unknown kind ${started.kind}`));
    return;
  }
  try {
    const finish = await work.prepare(deps, started.data, started.message, started.today);
    await finishOnce(deps, followupId, started.today, finish, 'done');
  } catch (error) {
    const reason = failureReason(error);
    deps.log.warn({ followupId, kind: started.kind, tries: started.tries, reason }, 'a follow-up failed');
    // Real time, not the community's clock: how long another process has had to take the work.
    const waited = Date.now() - started.createdAt.getTime();
    if (error instanceof ReadElsewhereError && waited < elsewhereWaitMs) {
      // Not a failure of the work: the job is tried again, by whichever process takes it.
      await uncountTry(deps.db, followupId);
      throw error;
    }
    if (started.tries < maxFollowupTries && !(error instanceof ReadElsewhereError)) {
      await recordFollowupError(deps.db, followupId, reason);
      throw error;
    }
    await finishOnce(deps, followupId, started.today, work.giveUp(started.data), 'failed', reason);
  }
}
