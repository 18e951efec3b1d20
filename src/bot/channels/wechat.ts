import path from 'node:path';
import { types, WechatyBuilder, type OfficialPuppetNpmName, type Wechaty, type WechatyOptions } from 'wechaty';
import type { WechatConfig } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { BotDeps } from '../deps.ts';
import { ingest } from '../ingest.ts';
import type { Inbound } from '../message.ts';
import { takeFriendRequest } from './wechat/handoff.ts';
import { readWechatFile, wechatInbound } from './wechat/inbound.ts';
import { showLoginCode } from './wechat/login-code.ts';
import { tellStaffWechatIsDown } from './wechat/logout-notice.ts';
import { greetNewcomers } from './wechat/newcomers.ts';
import { wechatOutboundChannel } from './wechat/outbound.ts';
import { workOutbox } from '../../jobs/outbox-worker.ts';
import { openSpool } from './wechat/spool.ts';
import { isDatabaseUnavailable, retryWhileUnavailable } from '../../store/outage.ts';

export { dailySends, untilNextMidnight } from './wechat/daily-cap.ts';
export { handoffCodesIn, wechatFriendHello } from './wechat/friend-hello.ts';
export { takeFriendRequest, type FriendRequest, type FriendRequestOutcome } from './wechat/handoff.ts';
export { readWechatFile, wechatInbound, wechatPlatform } from './wechat/inbound.ts';
export { greetNewcomers } from './wechat/newcomers.ts';
export { tellStaffWechatIsDown } from './wechat/logout-notice.ts';
export { defaultWechatSendSettings, type WechatSendSettings } from './wechat/limits.ts';
export { wechatChannelElsewhere, wechatOutboundChannel, wechatPacing, type WechatOutboundOptions, type WechatSender } from './wechat/outbound.ts';
import { errorMessage } from '../../errors.ts';

/** A puppet object, as tests pass the mock one. */
export type WechatPuppet = Exclude<NonNullable<WechatyOptions['puppet']>, string>;

export interface WechatStartOptions {
  /** Instead of loading the puppet named in the settings: this one (tests pass the mock puppet). */
  puppet?: WechatPuppet;
  /** The data folder: the login code picture and the puppet's saved session live there. */
  dataDir: string;
  /** Where the login code is drawn; the terminal (stdout) by default. */
  print?: (text: string) => void;
}

export interface RunningWechat {
  readonly bot: Wechaty;
  /** Stops taking messages and waits until those in hand are stored. The account stays logged in. */
  stop(): Promise<void>;
}

/**
 * Wechaty loads any package named like a puppet; its type lists only the official ones, so a
 * name is checked by its shape here and Wechaty says at start whether it can load it.
 */
const puppetPackage = /^(?:@[a-z0-9][\w.-]*\/)?wechaty-puppet-[\w.-]+$/;
function isPuppetPackage(name: string): name is OfficialPuppetNpmName {
  return puppetPackage.test(name);
}

/**
 * Stores a message, waiting for as long as the database is away (the puppet does not deliver a
 * message twice; the spool keeps it meanwhile); any other failure is tried twice more. False
 * when it is still not stored (stopping, or a failure that is not the database's).
 */
async function ingestPatiently(deps: BotDeps, inbound: Inbound, stopping: () => boolean): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await retryWhileUnavailable(() => ingest(deps, inbound), {
        giveUpAfterMs: Number.POSITIVE_INFINITY,
        stopping,
        onWait: (_error, delayMs) => deps.log.warn({ delayMs }, 'the database is away; a WeChat message waits in the spool'),
      });
      if (result.kind === 'rejected') deps.log.warn({ messageId: inbound.messageId }, 'a WeChat message was refused at ingest');
      return true;
    } catch (error) {
      if (stopping() || isDatabaseUnavailable(error)) return false;
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

function buildBot(config: WechatConfig, options: WechatStartOptions): Wechaty {
  // The puppet keeps its login session in this file, so that a restart need not scan again.
  const name = path.join(options.dataDir, 'wechat');
  if (options.puppet) return WechatyBuilder.build({ name, puppet: options.puppet });
  if (!isPuppetPackage(config.puppet)) {
    throw new Error(`WECHATY_PUPPET must name a Wechaty puppet package, such as wechaty-puppet-service; got ${config.puppet}`);
  }
  return WechatyBuilder.build({ name, puppet: config.puppet, puppetOptions: config.token ? { token: config.token } : {} });
}

/**
 * Runs the WeChat channel: Wechaty's events in, each translated and handed on; replies go out
 * through the outbox, for which the outbound channel is registered here. Messages of one chat
 * are stored in the order they came; chats go on in parallel. Nothing the puppet reports, not
 * even its errors, stops Linli.
 */
export async function startWechat(deps: BotDeps, config: WechatConfig, log: Logger, options: WechatStartOptions): Promise<RunningWechat> {
  const bot = buildBot(config, options);
  const print = options.print ?? ((text: string) => void process.stdout.write(`${text}\n`));
  deps.channels.register({
    ...wechatOutboundChannel(bot, { ...config, timeZone: deps.timeZone, clock: deps.clock }),
    readFile: (file, limitBytes) => readWechatFile(bot, file.ref, limitBytes),
  });

  const spool = openSpool(options.dataDir, deps.cipher, log);
  let stopping = false;
  /** Kept on disk first, forgotten once stored: a message that is not stored is not lost. */
  const storeKept = async (kept: { inbound: Inbound; handle: string }) => {
    if (await ingestPatiently(deps, kept.inbound, () => stopping)) spool.forget(kept.handle);
  };
  const store = (inbound: Inbound) => storeKept({ inbound, handle: spool.keep(inbound) });
  const inHand = new Set<Promise<void>>();
  const chains = new Map<string, Promise<void>>();
  /** Runs `work` after the earlier work of the same chat; a failure is logged, never thrown. */
  const inOrder = (key: string, what: string, work: () => Promise<void>) => {
    const run = (chains.get(key) ?? Promise.resolve()).then(work).catch((error: unknown) => {
      log.error({ reason: errorMessage(error) }, `WeChat: ${what} failed`);
    });
    chains.set(key, run);
    inHand.add(run);
    void run.finally(() => {
      inHand.delete(run);
      if (chains.get(key) === run) chains.delete(key);
    });
  };
  /** A message without a readable sender is still handled, in an order of its own. */
  const chatKey = (read: () => string) => {
    try {
      return read();
    } catch {
      return `unordered:${Math.random()}`;
    }
  };
  const selfId = () => (bot.isLoggedIn ? bot.currentUser.id : undefined);

  bot.on('error', (error) => {
    log.warn({ reason: errorMessage(error) }, 'WeChat: the puppet reported an error');
  });
  bot.on('scan', (qrcode, status) => {
    log.info({ status: types.ScanStatus[status] }, 'WeChat: login code');
    const showable = status === types.ScanStatus.Waiting || status === types.ScanStatus.Timeout;
    if (!showable || qrcode === '') return;
    inOrder('scan', 'showing the login code', async () => {
      const file = await showLoginCode(qrcode, options.dataDir, print);
      log.info({ file }, 'WeChat: scan the login code with the bot’s WeChat account');
    });
  });
  bot.on('login', (user) => {
    log.info({ account: user.id }, 'WeChat: logged in');
  });
  bot.on('logout', (user, reason) => {
    log.warn({ account: user.id, reason }, 'WeChat: logged out');
    inOrder('logout', 'telling the staff of the logout', async () => {
      const told = await tellStaffWechatIsDown(deps, user.name() || user.id);
      log.info({ told }, 'WeChat: staff told of the logout');
    });
  });
  bot.on('message', (message) => {
    const self = selfId();
    if (self === undefined) return;
    // Kept in the spool at once, not after the messages before it are stored: those may wait long.
    const kept = wechatInbound(message, self).then((inbound) => (inbound ? { inbound, handle: spool.keep(inbound) } : undefined));
    kept.catch(() => undefined);
    inOrder(chatKey(() => message.room()?.id ?? message.talker().id), 'storing a message', async () => {
      const inbound = await kept;
      if (inbound) await storeKept(inbound);
    });
  });
  bot.on('room-join', (room, invitees) => {
    const self = selfId();
    const newcomers = invitees.filter((contact) => contact.id !== self).map((contact) => ({ id: contact.id, name: contact.name() }));
    if (newcomers.length === 0) return;
    inOrder(room.id, 'greeting newcomers', async () => {
      const queued = await greetNewcomers(deps, { id: room.id, topic: await room.topic() }, newcomers);
      log.info({ room: room.id, newcomers: newcomers.length, queued }, 'WeChat: newcomers greeted');
    });
  });
  bot.on('friendship', (request) => {
    // In the order of the person's private messages: the request becomes their first one.
    inOrder(chatKey(() => request.contact().id), 'answering a friend request', async () => {
      const outcome = await takeFriendRequest(deps, request);
      log.info({ friendship: request.id, outcome: outcome.kind }, 'WeChat: friend request');
      if (outcome.kind === 'accepted' || outcome.kind === 'accepted-other') await store(outcome.inbound);
    });
  });

  // Only this process holds the login: it alone works the queue of WeChat sends.
  const sends = workOutbox(deps, 'wechat-outbox', 1);
  // Messages an earlier process took but could not store: stored first, in the order they came.
  for (const left of spool.leftOver()) {
    inOrder(chatKey(() => left.inbound.chatId), 'storing a spooled message', async () => {
      if (await ingestPatiently(deps, left.inbound, () => stopping)) spool.forget(left.handle);
    });
  }
  await bot.start();
  log.info({ puppet: options.puppet ? 'given' : config.puppet }, 'WeChat: started; waiting for login');
  return {
    bot,
    async stop() {
      stopping = true;
      await sends.close();
      await bot.stop();
      await Promise.allSettled([...inHand]);
    },
  };
}
