import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { TelegramConfig } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { BotDeps } from '../deps.ts';
import { ingest } from '../ingest.ts';
import type { Inbound } from '../message.ts';
import { followGroupUpgrades } from './telegram/group-upgrade.ts';
import { telegramInbound } from './telegram/inbound.ts';
import { telegramReactionInbound } from './telegram/reaction.ts';
import { telegramFileReader } from './telegram/files.ts';
import { telegramOutboundChannel } from './telegram/outbound.ts';
import { retryOwnCalls } from './telegram/retry.ts';
import { serveWebhook, webhookSecret, type WebhookServer } from './telegram/webhook.ts';
import { errorMessage } from '../../errors.ts';

export { telegramInbound, telegramPlatform } from './telegram/inbound.ts';
export { splitForTelegram, telegramMessageIds, telegramOutboundChannel, telegramPacing, toDeliveryError } from './telegram/outbound.ts';
export { telegramReactionInbound } from './telegram/reaction.ts';
export { webhookSecret } from './telegram/webhook.ts';
export { telegramDeepLink } from './telegram/deep-link.ts';
export { telegramFileReader } from './telegram/files.ts';

/** The updates Linli reads; others are not even fetched. */
const allowedUpdates = ['message', 'message_reaction'] as const;

/** A fetch as grammY calls it: a test passes its own to stand in for Telegram. */
export type TelegramFetch = (
  url: string,
  init: { body?: unknown; signal?: { readonly aborted: boolean; addEventListener(type: 'abort', listener: () => void): void } },
) => Promise<{ json(): Promise<unknown> }>;

export interface TelegramStartOptions {
  /** Instead of the network: how the Bot API is reached. */
  fetch?: TelegramFetch;
  /** The bot's own user, when known: saves the getMe call at start. */
  botInfo?: UserFromGetMe;
}

export interface RunningTelegram {
  readonly bot: Bot;
  readonly username: string;
  readonly mode: 'polling' | 'webhook';
  /** The local port of the webhook server (webhook mode). */
  readonly webhookPort: number | undefined;
  /** Stops taking updates and waits until those in hand are stored. */
  stop(): Promise<void>;
}

/** Storing a message is retried a little: a failed update would otherwise be lost to polling. */
async function ingestPatiently(deps: BotDeps, inbound: Inbound): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await ingest(deps, inbound);
      if (result.kind === 'rejected') deps.log.warn({ messageId: inbound.messageId }, 'a Telegram message was refused at ingest');
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

/**
 * Runs the Telegram channel: updates in (long polling with the runner, or a webhook when
 * configured), each message translated and handed to ingest; replies go out through the outbox,
 * for which the outbound channel is registered here. The adapter itself says nothing.
 */
export async function startTelegram(
  deps: BotDeps,
  config: TelegramConfig,
  log: Logger,
  options: TelegramStartOptions = {},
): Promise<RunningTelegram> {
  const bot = new Bot(config.token, {
    client: {
      ...(config.apiRoot ? { apiRoot: config.apiRoot.replace(/\/+$/, '') } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  bot.api.config.use(retryOwnCalls(log));
  await bot.init();
  const username = bot.botInfo.username;
  deps.channels.register({ ...telegramOutboundChannel(bot.api, username), readFile: telegramFileReader(bot.api, config) });

  const inHand = new Set<Promise<void>>();
  bot.catch((error) => {
    log.error({ updateId: error.ctx.update.update_id, reason: errorMessage(error.error) }, 'a Telegram message could not be stored');
  });
  // Messages of one chat are stored in the order they were sent; chats go on in parallel.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  followGroupUpgrades(bot, deps, log);
  /** Stores a message, counted as in hand until it is. */
  const take = async (inbound: Inbound | undefined) => {
    if (!inbound) return;
    const work = ingestPatiently(deps, inbound);
    inHand.add(work);
    try {
      await work;
    } finally {
      inHand.delete(work);
    }
  };
  bot.on('message', (ctx) => take(telegramInbound(ctx, username)));
  // A reaction reaches Linli where the bot is an administrator of the group (Telegram's rule).
  bot.on('message_reaction', (ctx) => take(telegramReactionInbound(ctx.update.message_reaction)));
  const settle = async () => {
    await Promise.allSettled([...inHand]);
  };

  if (config.webhook) {
    const secretToken = webhookSecret(config.token);
    const server: WebhookServer = await serveWebhook(bot, {
      port: config.webhook.port,
      path: new URL(config.webhook.url).pathname,
      secretToken,
      log,
    });
    try {
      await bot.api.setWebhook(config.webhook.url, { secret_token: secretToken, allowed_updates: allowedUpdates });
    } catch (error) {
      await server.close();
      throw error;
    }
    log.info({ username, port: server.port }, 'Telegram: receiving updates by webhook');
    return {
      bot,
      username,
      mode: 'webhook',
      webhookPort: server.port,
      async stop() {
        // The webhook stays set: Telegram keeps the updates until Linli is back.
        await server.close();
        await settle();
      },
    };
  }

  // A webhook left from an earlier run would make getUpdates fail; its pending updates are kept.
  await bot.api.deleteWebhook({ drop_pending_updates: false });
  const runner: RunnerHandle = run(bot, {
    runner: {
      fetch: { allowed_updates: allowedUpdates },
      // Keep polling for as long as Linli runs, however long Telegram is out of reach.
      maxRetryTime: Number.POSITIVE_INFINITY,
      retryInterval: 'quadratic',
      // The runner would print errors with the request URL, which holds the token; retryOwnCalls logs them.
      silent: true,
    },
  });
  runner.task()?.catch((error: unknown) => log.error({ reason: errorMessage(error) }, 'Telegram polling stopped'));
  log.info({ username }, 'Telegram: receiving updates by long polling');
  return {
    bot,
    username,
    mode: 'polling',
    webhookPort: undefined,
    async stop() {
      if (runner.isRunning()) await runner.stop();
      await settle();
    },
  };
}
