import { randomBytes } from 'node:crypto';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { ChannelRegistry } from './bot/channels/channel.ts';
import { sandboxOutboundChannel } from './bot/channels/sandbox-outbound.ts';
import type { RunningTelegram } from './bot/channels/telegram.ts';
import type { RunningWechat } from './bot/channels/wechat.ts';
import type { BotDeps } from './bot/deps.ts';
import { buildRouter } from './bot/routes.ts';
import { createJobQueues, migrateJobBackend, type JobBackend } from './jobs/queue.ts';
import { startWorkers, type RunningWorkers, type WorkerOptions } from './jobs/workers.ts';
import { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from './store/connect.ts';
import { createFieldCipher, resolveKeyRing } from './privacy/index.ts';
import { checkKeyRing } from './store/cipher-keys.ts';
import { migrate } from './store/migrate.ts';
import type { RosterModel } from './dialogs/roster/model.ts';

export interface Linli {
  deps: BotDeps;
  database: DatabaseHandle;
  workers: RunningWorkers | undefined;
  /** Finishes the work in hand, then closes the queue and the store. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Run job workers in this process (a one-shot command may only enqueue). */
  workers?: boolean | WorkerOptions;
  database?: OpenDatabaseOptions;
  /** Redis key prefix, so that test runs sharing one Redis never collide. */
  queuePrefix?: string;
  clock?: () => Date;
  /** Take messages in from the configured chat platforms (the long-running `start` does). */
  platforms?: boolean;
  /** Tests shorten the reminder and the expiry of a quiet form to milliseconds. */
  settings?: Partial<BotDeps['settings']>;
  /** Tests hand in a fake chat model; otherwise the configured one (OPENAI_*), if any. */
  model?: RosterModel | null;
}

export function jobBackendFor(config: Pick<Config, 'redisUrl'>, database: DatabaseHandle, prefix = 'linli'): JobBackend {
  return config.redisUrl
    ? { kind: 'redis', url: config.redisUrl, prefix }
    : { kind: 'postgres', connectionString: database.connectionString, schema: database.schema };
}

/** Start-up order: settings -> store -> queue -> channels -> workers. */
export async function startLinli(config: Config, log: Logger, options: StartOptions = {}): Promise<Linli> {
  const keyRing = resolveKeyRing(config, log);
  const database = await openDatabase(config, { schema: config.schema, ...options.database });
  try {
    const applied = await migrate(database.db);
    if (applied.length > 0) log.info({ applied }, 'applied migrations');
    const cipher = createFieldCipher(keyRing);
    const { retiredInRing } = await checkKeyRing(database.db, cipher);
    if (retiredInRing.length > 0) log.warn({ keys: retiredInRing }, 'a key rotation retired these keys: remove them from LINLI_OLD_SECRETS');
    const jobs = createJobQueues(await migrateJobBackend(jobBackendFor(config, database, options.queuePrefix ?? config.queuePrefix), database.db));
    const channels = new ChannelRegistry();
    channels.register(sandboxOutboundChannel(cipher, config.dataDir));
    // Every process that runs workers can send on every configured platform, even one that
    // does not take messages in from it: a reply waiting in the outbox must find its channel.
    // A platform's library is loaded only where that platform is configured.
    if (config.telegram) {
      const [{ Bot }, { telegramFileReader, telegramOutboundChannel }] = await Promise.all([
        import('grammy'),
        import('./bot/channels/telegram.ts'),
      ]);
      const apiRoot = config.telegram.apiRoot?.replace(/\/+$/, '');
      const api = new Bot(config.telegram.token, { client: apiRoot ? { apiRoot } : {} }).api;
      channels.register({ ...telegramOutboundChannel(api), readFile: telegramFileReader(api, config.telegram) });
    }
    // Only the process that holds the WeChat login sends there; others hand the send back to it.
    if (config.wechaty) channels.register((await import('./bot/channels/wechat.ts')).wechatChannelElsewhere(config.wechaty));
    const deps: BotDeps = {
      db: database.db,
      cipher,
      log,
      jobs,
      router: buildRouter(),
      channels,
      timeZone: config.timeZone,
      settings: {
        dialogReminderMs: config.dialog.reminderMinutes * 60_000,
        dialogExpiryMs: config.dialog.expiryMinutes * 60_000,
        checkinAskAt: config.checkin.askAt,
        ...options.settings,
      },
      clock: options.clock ?? (() => new Date()),
      model: options.model !== undefined ? options.model : config.model ? (await import('./dialogs/roster/model.ts')).createRosterModel(config.model) : null,
    };
    const telegram: RunningTelegram | undefined =
      options.platforms && config.telegram
        ? await (await import('./bot/channels/telegram.ts')).startTelegram(deps, config.telegram, log)
        : undefined;
    const wechat: RunningWechat | undefined =
      options.platforms && config.wechaty
        ? await (await import('./bot/channels/wechat.ts')).startWechat(deps, config.wechaty, log, { dataDir: config.dataDir })
        : undefined;
    const workers = options.workers
      ? await startWorkers(deps, options.workers === true ? {} : options.workers)
      : undefined;
    return {
      deps,
      database,
      workers,
      async close() {
        await telegram?.stop();
        await wechat?.stop();
        await workers?.close();
        await jobs.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export function uniqueQueuePrefix(): string {
  return `linli-${randomBytes(4).toString('hex')}`;
}
