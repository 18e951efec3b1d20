import type { QueueName } from '../jobs/queue.ts';
import { wechatPlatform } from './channels/wechat/platform.ts';

/**
 * The queue a send waits on. WeChat speaks only through the process that holds its login, so
 * its sends have a queue of their own that only that process works; every other send may be
 * taken by any worker.
 */
export function outboxQueueOf(platform: string | undefined): QueueName {
  return platform === wechatPlatform ? 'wechat-outbox' : 'outbox';
}
