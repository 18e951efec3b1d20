import { z } from 'zod';
import type { BotDeps } from '../bot/deps.ts';
import { queueSends, takeTurn } from '../bot/pipeline.ts';
import { recoverUnfinished } from '../bot/recovery.ts';
import { workOutbox } from './outbox-worker.ts';
import { noticeRecallJob, noticeRemindJob, noticeSendJob, remindNotice, runNoticeRecall, sendNotice } from './notices.ts';
import { askMorningCheckins, remindCheckins } from './checkins.ts';
import { digestPushJob, pushDigests } from './digest.ts';
import { runDialogTimer } from './dialog-timers.ts';
import { askShopStatus, remindShopStatus, shopStatusAskJob, shopStatusRemindJob } from './shop-status.ts';
import { remindLandlord } from './roster-remind.ts';
import { purgeExpiredNow, retentionPurgeJob } from './retention.ts';
import { followupJob } from '../bot/followups.ts';
import { campaignEndJob, campaignPromptJob, campaignStartJob } from './campaign-queue.ts';
import { campaignRemindJob, endCampaignDrive, startCampaignDrive } from './campaign-drive.ts';
import { promptCampaign } from './campaign-prompt.ts';
import { remindCampaignForms } from './campaign-remind.ts';
import { runFollowup } from './followups.ts';
import { dailyAt, type WorkerHandle } from './queue.ts';
import { errorMessage } from '../errors.ts';
import { beat, heartbeatEveryMs, leave, settleAbandonedClaims } from '../bot/uncertain.ts';

const inboundJob = z.object({ accountId: z.number().int().positive(), inboundId: z.number().int().positive() });

export { dailyAt } from './queue.ts';

export interface WorkerOptions {
  /** The daily check-in times; no schedule is set when absent (one-shot commands, tests). */
  checkin?: { askAt: string; remindAt: string };
  /** When the daily staff digest is pushed ('HH:MM'); no schedule when absent. */
  digest?: { at: string };
  /** When shop owners are asked for their staff's status and reminded ('HH:MM'); no schedule when absent. */
  market?: { askAt: string; remindAt: string };
  /** When personal data whose retention has run out is deleted ('HH:MM'); no schedule when absent. */
  retention?: { at: string };
  inboundConcurrency?: number;
  outboxConcurrency?: number;
  /** Follow-ups at once: each mostly waits on a platform or the model. */
  followupConcurrency?: number;
  /** How often to look for work that lost its job; 0 turns the sweep off. */
  sweepEveryMs?: number;
}

export interface RunningWorkers {
  /** Stops taking new jobs and waits for the jobs in hand. */
  close(): Promise<void>;
}

/**
 * Says that this process is alive, and settles the sends of processes that are not: every few
 * seconds, so that a reply cut off by a crash is known (and its person told) soon after. When the
 * database comes back after being away, unfinished work is queued again.
 */
function startHeartbeat(deps: BotDeps): { stop(): Promise<void> } {
  let away = false;
  const tick = async () => {
    try {
      await beat(deps.db);
      await queueSends(deps, (await settleAbandonedClaims(deps)).notices);
      if (away) {
        // Work whose job went missing in the outage (a commit whose answer was lost, a job that
        // could not be queued) is queued again now rather than at the next sweep.
        const recovered = await recoverUnfinished(deps);
        deps.log.info(recovered, 'the database is back');
      }
      away = false;
    } catch (error) {
      if (!away) deps.log.warn({ reason: errorMessage(error) }, 'the heartbeat failed; the database may be away');
      away = true;
    }
  };
  let running: Promise<void> = tick();
  const timer = setInterval(() => {
    running = running.then(tick);
  }, heartbeatEveryMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await leave(deps.db).catch(() => undefined);
    },
  };
}

export async function startWorkers(deps: BotDeps, options: WorkerOptions = {}): Promise<RunningWorkers> {
  const handles: WorkerHandle[] = [];
  handles.push(
    deps.jobs.work<unknown>(
      'inbound',
      async (job) => {
        const { accountId, inboundId } = inboundJob.parse(job.data);
        await takeTurn(deps, accountId, inboundId);
      },
      { concurrency: options.inboundConcurrency ?? 4 },
    ),
  );
  handles.push(workOutbox(deps, 'outbox', options.outboxConcurrency ?? 4));
  handles.push(
    deps.jobs.work<unknown>(
      'followups',
      async (job) => {
        if (job.name === followupJob) await runFollowup(deps, job.data);
        else deps.log.warn({ job: job.name }, 'a follow-up job of an unknown kind was dropped');
      },
      { concurrency: options.followupConcurrency ?? 4 },
    ),
  );
  handles.push(
    deps.jobs.work<unknown>(
      'timers',
      async (job) => {
        if (job.name === 'dialog-remind' || job.name === 'dialog-expire') await runDialogTimer(deps, job.name, job.data);
        else if (job.name === 'checkin-ask') deps.log.info({ asked: await askMorningCheckins(deps) }, 'asked the daily check-in');
        else if (job.name === 'checkin-remind') deps.log.info({ reminded: await remindCheckins(deps) }, 'reminded the daily check-in');
        else if (job.name === shopStatusAskJob) deps.log.info({ asked: await askShopStatus(deps) }, 'asked the shops for their staff status');
        else if (job.name === shopStatusRemindJob) deps.log.info({ reminded: await remindShopStatus(deps) }, 'reminded the shops of their staff status');
        else if (job.name === 'roster-remind') await remindLandlord(deps, job.data);
        // Follow-ups queued here by an earlier version are still done.
        else if (job.name === followupJob) await runFollowup(deps, job.data);
        else if (job.name === digestPushJob) await pushDigests(deps, job.data, { at: options.digest?.at });
        else if (job.name === retentionPurgeJob) deps.log.info(await purgeExpiredNow(deps), 'deleted the personal data whose retention ran out');
        else if (job.name === noticeSendJob) deps.log.info({ chats: await sendNotice(deps, job.data) }, 'sent a notice');
        else if (job.name === noticeRecallJob) deps.log.info({ outcome: (await runNoticeRecall(deps, job.data)).kind }, 'recalled a notice');
        else if (job.name === noticeRemindJob) deps.log.info({ groups: await remindNotice(deps, job.data) }, 'reminded the groups of a notice');
        else if (job.name === campaignStartJob) deps.log.info({ groups: await startCampaignDrive(deps, job.data) }, 'started a campaign in its groups');
        else if (job.name === campaignPromptJob) deps.log.info({ messages: await promptCampaign(deps, job.data) }, 'prompted the groups of a campaign');
        else if (job.name === campaignEndJob) deps.log.info({ groups: await endCampaignDrive(deps, job.data) }, 'ended a campaign in its groups');
        else if (job.name === campaignRemindJob) deps.log.info({ reminded: await remindCampaignForms(deps, job.data) }, 'reminded the unfinished forms of a campaign');
        else deps.log.warn({ job: job.name }, 'a timer job of an unknown kind was dropped');
      },
      { concurrency: 2 },
    ),
  );
  if (options.checkin) {
    await deps.jobs.schedule('timers', 'checkin-ask', dailyAt(options.checkin.askAt), deps.timeZone, 'checkin-ask');
    await deps.jobs.schedule('timers', 'checkin-remind', dailyAt(options.checkin.remindAt), deps.timeZone, 'checkin-remind');
  }
  if (options.market) {
    await deps.jobs.schedule('timers', shopStatusAskJob, dailyAt(options.market.askAt), deps.timeZone, shopStatusAskJob);
    await deps.jobs.schedule('timers', shopStatusRemindJob, dailyAt(options.market.remindAt), deps.timeZone, shopStatusRemindJob);
  }
  if (options.retention) await deps.jobs.schedule('timers', retentionPurgeJob, dailyAt(options.retention.at), deps.timeZone, retentionPurgeJob);
  if (options.digest) await deps.jobs.schedule('timers', digestPushJob, dailyAt(options.digest.at), deps.timeZone, digestPushJob);
  const heartbeat = startHeartbeat(deps);
  await recoverUnfinished(deps);
  const sweepEveryMs = options.sweepEveryMs ?? 60_000;
  const sweep =
    sweepEveryMs > 0
      ? setInterval(() => {
          recoverUnfinished(deps, sweepEveryMs / 1000).catch((error: unknown) =>
            deps.log.error({ reason: errorMessage(error) }, 'the sweep for lost work failed'),
          );
        }, sweepEveryMs)
      : undefined;
  sweep?.unref();
  return {
    async close() {
      if (sweep) clearInterval(sweep);
      await Promise.all(handles.map((handle) => handle.close()));
      await heartbeat.stop();
    },
  };
}
