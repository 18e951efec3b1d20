import { createFollowup } from '../store/followups.ts';
import type { BotDeps } from './deps.ts';
import type { HandlerContext } from './handler.ts';

/**
 * The job that does a follow-up; its data names the follow-up. Follow-ups wait on the network (a
 * platform's file, the model), so they have a queue of their own and never hold up the timers.
 */
export const followupJob = 'followup';

/**
 * Records work that this message still owes its sender (reading a file it came with, asking the
 * model), in the handler's transaction, and queues the job that does it once that commits.
 */
export async function followUpLater(context: Pick<HandlerContext, 'tx' | 'cipher' | 'message' | 'later'>, kind: string, data: Record<string, unknown>): Promise<number> {
  const followupId = await createFollowup(context.tx, context.cipher, { inboundId: context.message.id, kind, data });
  context.later({ queue: 'followups', name: followupJob, data: { followupId }, jobId: `followup-${followupId}`, delayMs: 0 });
  return followupId;
}

/** Queues a follow-up's job again (after a crash); a suffix gives the job an id of its own. */
export async function queueFollowup(deps: Pick<BotDeps, 'jobs'>, followupId: number, jobSuffix = ''): Promise<void> {
  await deps.jobs.add('followups', followupJob, { followupId }, { jobId: `followup-${followupId}${jobSuffix}` });
}
