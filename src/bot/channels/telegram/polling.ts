import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../../log.ts';
import { errorMessage } from '../../../errors.ts';

export interface Polling {
  /** Stops asking for updates; updates in hand that are not stored yet are left to Telegram. */
  stop(): Promise<void>;
  isRunning(): boolean;
}

export interface PollingOptions {
  allowedUpdates: readonly ('message' | 'message_reaction')[];
  log: Logger;
  /** Seconds a getUpdates call waits for news (long polling). */
  timeoutSeconds?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Long polling that confirms an update to Telegram only once it is stored. Telegram drops the
 * updates before the offset of a getUpdates call; so the offset moves past a batch only after
 * every update of it was handed over (the message middleware waits while the database is away).
 * A batch that could not be stored before a stop is not confirmed: Telegram sends it again to
 * the next process, and ingest keeps each message once. Chats go on in parallel, each in order.
 */
export function pollUpdates(bot: Bot, options: PollingOptions): Polling {
  const controller = new AbortController();
  let running = true;
  let offset: number | undefined;

  const handleChat = async (updates: readonly Update[]): Promise<boolean> => {
    for (const update of updates) {
      try {
        await bot.handleUpdate(update);
      } catch (error) {
        // Not stored: when stopping, it is left to Telegram; otherwise it is given up (logged).
        if (!running) return false;
        options.log.error({ updateId: update.update_id, reason: errorMessage(error) }, 'a Telegram update could not be stored');
      }
    }
    return true;
  };

  const handleBatch = async (updates: readonly Update[]): Promise<boolean> => {
    const byChat = new Map<string, Update[]>();
    for (const update of updates) {
      const key = String(update.message?.chat.id ?? `update-${update.update_id}`);
      byChat.set(key, [...(byChat.get(key) ?? []), update]);
    }
    const done = await Promise.all([...byChat.values()].map(handleChat));
    return done.every(Boolean);
  };

  const task = (async () => {
    let failures = 0;
    while (running) {
      let updates: Update[];
      try {
        updates = await bot.api.getUpdates(
          { ...(offset !== undefined ? { offset } : {}), timeout: options.timeoutSeconds ?? 30, allowed_updates: [...options.allowedUpdates] },
          // grammY types its signal with the abort-controller shim; Node's own is the same thing.
          controller.signal as unknown as Parameters<Bot['api']['getUpdates']>[1],
        );
        failures = 0;
      } catch (error) {
        if (!running) break;
        failures += 1;
        const waitMs = Math.min(1000 * 2 ** Math.min(failures, 6), 60_000);
        options.log.warn({ reason: errorMessage(error), waitMs }, 'Telegram polling failed; trying again');
        await sleep(waitMs);
        continue;
      }
      const last = updates.at(-1);
      if (!last) continue;
      if (!(await handleBatch(updates))) break;
      offset = last.update_id + 1;
    }
  })();

  return {
    isRunning: () => running,
    async stop() {
      running = false;
      controller.abort();
      await task;
    },
  };
}
