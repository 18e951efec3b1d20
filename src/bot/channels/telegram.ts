import { sequentialize } from '@grammyjs/runner';
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
import { pollUpdates, type Polling } from './telegram/polling.ts';
import { retryOwnCalls } from './telegram/retry.ts';
import { serveWebhook, webhookSecret, type WebhookServer } from './telegram/webhook.ts';
import { errorMessage } from '../../errors.ts';
import { retryWhileUnavailable } from '../../store/outage.ts';

export { telegramInbound, telegramPlatform } from './telegram/inbound.ts';
export { telegramMessageIds } from './telegram/message-ids.ts';
export { telegramPacing } from './telegram/limits.ts';
export { splitForTelegram, telegramOutboundChannel, toDeliveryError } from './telegram/outbound.ts';
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

/** How long a webhook request waits for the database: Telegram gives up on it after about ten seconds. */
const webhookPatienceMs = 8_000;

/**
 * Stores a message, waiting while the database is away: for as long as it takes when polling
 * (the update is confirmed to Telegram only after), a few seconds for a webhook (whose failure
 * makes Telegram send the update again). Any other failure is tried twice more.
 */
async function ingestPatiently(deps: BotDeps, inbound: Inbound, patience: { giveUpAfterMs: number; stopping: () => boolean }): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await retryWhileUnavailable(() => ingest(deps, inbound), {
        ...patience,
        onWait: (_error, delayMs) => deps.log.warn({ delayMs }, 'the database is away; a Telegram message waits to be stored'),
      });
      if (result.kind === 'rejected') deps.log.warn({ messageId: inbound.messageId }, 'a Telegram message was refused at ingest');
      return;
    } catch (error) {
      if (attempt >= 3 || patience.stopping()) throw error;
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
  let stopping = false;
  const patience = {
    giveUpAfterMs: config.webhook ? webhookPatienceMs : Number.POSITIVE_INFINITY,
    stopping: () => stopping,
  };
  bot.catch((error) => {
    log.error({ updateId: error.ctx.update.update_id, reason: errorMessage(error.error) }, 'a Telegram message could not be stored');
  });
  // Messages of one chat are stored in the order they were sent; chats go on in parallel.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  followGroupUpgrades(bot, deps, log);
  /** Stores a message, counted as in hand until it is. */
  const take = async (inbound: Inbound | undefined) => {
    if (!inbound) return;
    const work = ingestPatiently(deps, inbound, patience);
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
        stopping = true;
        await server.close();
        await settle();
      },
    };
  }

  // A webhook left from an earlier run would make getUpdates fail; its pending updates are kept.
  await bot.api.deleteWebhook({ drop_pending_updates: false });
  // Keeps polling for as long as Linli runs, however long Telegram or the database is out of reach.
  const polling: Polling = pollUpdates(bot, { allowedUpdates, log });
  log.info({ username }, 'Telegram: receiving updates by long polling');
  return {
    bot,
    username,
    mode: 'polling',
    webhookPort: undefined,
    async stop() {
      stopping = true;
      if (polling.isRunning()) await polling.stop();
      await settle();
    },
  };
}
