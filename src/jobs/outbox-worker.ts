import { z } from 'zod';
import type { BotDeps } from '../bot/deps.ts';
import { wechatPlatform } from '../bot/channels/wechat/platform.ts';
import { queueSends } from '../bot/pipeline.ts';
import { sendOutbox } from '../bot/sender.ts';
import type { WorkerHandle } from './queue.ts';

const outboxJob = z.object({ outboxId: z.number().int().positive() });

/**
 * Works one send queue: each job sends its outbox row at most once; a row not yet due (paced,
 * waiting for an earlier message of its chat, refused for now) is queued again for its time.
 */
export function workOutbox(deps: BotDeps, queue: 'outbox' | 'wechat-outbox', concurrency: number): WorkerHandle {
  return deps.jobs.work<unknown>(
    queue,
    async (job) => {
      const { outboxId } = outboxJob.parse(job.data);
      const outcome = await sendOutbox(deps, outboxId);
      if (outcome.kind === 'not-yet') {
        const platform = queue === 'wechat-outbox' ? wechatPlatform : undefined;
        await queueSends(deps, [{ outboxId, notBefore: outcome.at, ...(platform ? { platform } : {}) }], `-t${outcome.at.getTime()}`);
      }
    },
    { concurrency },
  );
}
