import { FileBox } from 'file-box';
import type { Message, Wechaty } from 'wechaty';
import type { Queryable } from '../../../store/db.ts';
import { localDay } from '../../../time.ts';
import type { Outbound } from '../../message.ts';
import { DeliveryError, type OutboundChannel, type Pacing, type SendResult } from '../channel.ts';
import { ReadElsewhereError } from '../files.ts';
import { returnDailySend, takeDailySend, untilNextMidnight } from './daily-cap.ts';
import type { WechatSendSettings } from './limits.ts';
import { wechatPlatform } from './platform.ts';
import { errorMessage } from '../../../errors.ts';

export interface WechatOutboundOptions extends WechatSendSettings {
  /** The community's time zone: when the day's count starts again. */
  timeZone: string;
  /** Whose daily count this is: one installation speaks through one WeChat account. */
  account?: string;
  clock?: () => Date;
  /** The longest a send waits in this process for the account's gap; a longer wait goes back to the outbox. */
  maxWaitMs?: number;
}

/** The parts of a running Wechaty that sending needs. */
export type WechatSender = Pick<Wechaty, 'isLoggedIn' | 'Room' | 'Contact'> & Partial<Pick<Wechaty, 'puppet'>>;


/** Recalls a sent message through the puppet; false where the puppet cannot or the time is past. */
async function recallThroughPuppet(bot: WechatSender, messageId: string): Promise<boolean> {
  if (!bot.puppet) return false;
  try {
    return await bot.puppet.messageRecall(messageId);
  } catch {
    return false;
  }
}

/**
 * WeChat's risk control flags an account that speaks like a machine: the outbox spaces the
 * account's messages by the gap plus a random part of the jitter, about one every 2-4 s.
 */
export function wechatPacing(settings: WechatSendSettings): Pacing {
  return { perChatGapMs: settings.sendGapMs, platformGapMs: settings.sendGapMs, jitterMs: settings.sendJitterMs };
}

/** While logged out nothing can be sent; someone has to scan the login code first. */
const loggedOutRetryMs = 5 * 60_000;
const defaultAccount = 'default';

type Say = (what: string | FileBox) => Promise<void | Message>;

/**
 * The room or person to say it to. In a room, the person the message is for is @mentioned with
 * Wechaty's mention list, so that WeChat really notifies them, not just prints their name.
 */
async function findAddressee(bot: WechatSender, message: Outbound): Promise<Say | undefined> {
  if (message.chatKind === 'private') {
    const contact = await bot.Contact.find({ id: message.platformChatId });
    return contact ? (what) => contact.say(what) : undefined;
  }
  const room = await bot.Room.find({ id: message.platformChatId });
  if (!room) return undefined;
  const mentioned = message.toPlatformUserId ? await bot.Contact.find({ id: message.toPlatformUserId }) : undefined;
  // A file cannot carry a mention; the text before it does.
  return (what) => (mentioned && typeof what === 'string' ? room.say(what, mentioned) : room.say(what));
}

/**
 * The outbox's view of WeChat: the text said to the room or the person, through the logged-in
 * account. Not transactional: the outbox claims the row first, so a crash mid-send is never sent
 * twice. Besides the outbox's spacing, this process never lets two messages out closer than the
 * gap (messages held back by a logout or the daily cap would otherwise leave together), and no
 * more than the daily cap leave in one day of the community.
 */
export function wechatOutboundChannel(bot: WechatSender, options: WechatOutboundOptions): OutboundChannel {
  const clock = options.clock ?? (() => new Date());
  const account = options.account ?? defaultAccount;
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  let nextFreeAt = 0;

  async function waitForGap(): Promise<void> {
    const now = Date.now();
    const waitMs = Math.max(0, nextFreeAt - now);
    if (waitMs > maxWaitMs) {
      throw new DeliveryError(`WeChat: the account is already busy for ${waitMs} ms; trying again then`, 'no', waitMs);
    }
    nextFreeAt = now + waitMs + options.sendGapMs;
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  }

  return {
    platform: wechatPlatform,
    pacing: wechatPacing(options),
    transactional: false,
    async send(message: Outbound, q: Queryable): Promise<SendResult> {
      if (!bot.isLoggedIn) {
        throw new DeliveryError('WeChat is logged out (scan the login code); nothing was sent', 'no', loggedOutRetryMs);
      }
      if (message.recallOf !== undefined && (await recallThroughPuppet(bot, message.recallOf))) return { recalled: true };
      const recalled = message.recallOf !== undefined ? { recalled: false } : {};
      await waitForGap();
      const now = clock();
      const day = localDay(now, options.timeZone);
      if (!(await takeDailySend(q, account, day, options.dailyCap))) {
        const untilMidnight = untilNextMidnight(now, options.timeZone);
        throw new DeliveryError(
          `WeChat: the day's cap of ${options.dailyCap} messages is reached; sending again after midnight`,
          'no',
          untilMidnight,
        );
      }
      let say: Say | undefined;
      try {
        say = await findAddressee(bot, message);
      } catch (error) {
        await returnDailySend(q, account, day);
        throw new DeliveryError(`WeChat could not look up ${message.platformChatId} (${errorMessage(error)}); nothing was sent`, 'no');
      }
      if (!say) {
        await returnDailySend(q, account, day);
        const what = message.chatKind === 'private' ? 'person' : 'group';
        throw new DeliveryError(
          `permanent: the ${what} ${message.platformChatId} is not known to the bot's WeChat account (not a friend or member, or ids changed at a new login); trying again will not help`,
          'no',
        );
      }
      try {
        const sent = await say(message.text);
        // The file goes after its text; a failure now leaves the text sent, so it is never repeated.
        if (message.file) await say(FileBox.fromBuffer(Buffer.from(message.file.data), message.file.name));
        return sent ? { platformMessageId: sent.id, ...recalled } : recalled;
      } catch (error) {
        throw new DeliveryError(`sending to WeChat failed (${errorMessage(error)}); the message may have arrived`, 'maybe');
      }
    },
  };
}

/** How soon a send that reached a process without the WeChat login is tried again (by any process). */
const elsewhereRetryMs = 2000;

/**
 * The WeChat channel of a process that runs workers but not the logged-in Wechaty (a second
 * worker, `linli sim`): it paces what it writes to the outbox like WeChat, and hands any send
 * back to the queue, for the process that holds the login. Without it such a process would write
 * unpaced replies and mark WeChat messages failed for want of a channel.
 */
export function wechatChannelElsewhere(settings: WechatSendSettings): OutboundChannel {
  return {
    platform: wechatPlatform,
    pacing: wechatPacing(settings),
    transactional: false,
    send(): Promise<SendResult> {
      return Promise.reject(new DeliveryError('WeChat is logged in by another process; nothing was sent here', 'no', elsewhereRetryMs));
    },
    // A file of a WeChat message is fetched through the login too: the job is tried again, by any process.
    readFile(): Promise<Uint8Array> {
      return Promise.reject(new ReadElsewhereError('WeChat is logged in by another process; its files are read there'));
    },
  };
}
