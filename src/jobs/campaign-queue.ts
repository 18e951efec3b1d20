import { z } from 'zod';
import type { JobQueues } from './queue.ts';

/**
 * The jobs of a campaign's drive, on the timers queue: its start (announce in every group, set the
 * daily prompt), each day's prompt, and its end (thank the groups, close it). Commands and dialogs
 * queue them; the workers do them.
 */
export const campaignStartJob = 'campaign-start';
export const campaignPromptJob = 'campaign-prompt';
export const campaignEndJob = 'campaign-end';

export const campaignJobData = z.object({ campaignId: z.number().int().positive() });
export type CampaignJobData = z.infer<typeof campaignJobData>;

/** Queued whenever a campaign is started or its settings change; the work is safe to repeat. */
export async function queueCampaignStart(jobs: JobQueues, campaignId: number, now: Date): Promise<void> {
  await jobs.add('timers', campaignStartJob, { campaignId }, { jobId: `campaign-start-${campaignId}-${now.getTime()}` });
}

/**
 * Queued when staff end a campaign (and by the daily pass when its end date has passed). The work
 * thanks each group once whatever runs twice, so each call queues a job of its own: a campaign
 * ended, extended and ended again within the hour a finished job is kept is still closed.
 */
export async function queueCampaignEnd(jobs: JobQueues, campaignId: number, now: Date): Promise<void> {
  await jobs.add('timers', campaignEndJob, { campaignId }, { jobId: campaignEndJobId(campaignId, now) });
}

export const campaignEndJobId = (campaignId: number, now: Date) => `campaign-end-${campaignId}-${now.getTime()}`;
