import { GrammyError, HttpError, InputFile, type Api } from 'grammy';
import type { Outbound } from '../../message.ts';
import { DeliveryError, type OutboundChannel, type SendResult } from '../channel.ts';
import { telegramPlatform } from './inbound.ts';
import { telegramDeepLink } from './deep-link.ts';
import { telegramMessageIds } from './message-ids.ts';
import { telegramCaptionLimit, telegramPacing, telegramTextLimit } from './limits.ts';
import { errorMessage } from '../../../errors.ts';

/** The calls of the Bot API that the outbox needs; a grammY `Api` is one. */
export type TelegramSender = Pick<Api, 'sendMessage' | 'sendDocument' | 'sendPhoto'> &
  Partial<Pick<Api, 'pinChatMessage' | 'deleteMessage'>>;

/** Pins the first part of a notice; a group where the bot may not pin still has the notice. */
async function pinQuietly(api: TelegramSender, chatId: string, messageId: number): Promise<boolean> {
  if (!api.pinChatMessage) return false;
  try {
    await api.pinChatMessage(chatId, messageId);
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes a sent message back by deleting its parts. Telegram lets a bot delete its messages for
 * 48 hours; where it refuses, the correction is said instead and the result says so.
 */
async function recall(api: TelegramSender, message: Outbound, recallOf: string): Promise<SendResult> {
  const sent = telegramMessageIds(recallOf);
  try {
    if (!sent || !api.deleteMessage) throw new Error('no message to delete');
    for (const id of sent.messageIds) await api.deleteMessage(message.platformChatId, id);
    return { recalled: true };
  } catch {
    try {
      const said = await api.sendMessage(message.platformChatId, message.text);
      return { platformMessageId: `${message.platformChatId}:${said.message_id}`, recalled: false };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }
}

/** Pictures Telegram shows as photos; any other file is sent as a document. */
const photoTypes = new Set(['image/png', 'image/jpeg']);

/** Cuts a long text into parts Telegram accepts, at a line break where there is one. */
export function splitForTelegram(text: string, limit = telegramTextLimit): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut <= 0) cut = limit;
    // Never cut a surrogate pair (an emoji, a rare character) in half.
    const code = rest.charCodeAt(cut - 1);
    if (cut === limit && code >= 0xd800 && code <= 0xdbff) cut -= 1;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(rest.charAt(cut) === '\n' ? cut + 1 : cut);
  }
  parts.push(rest);
  return parts;
}

/** Codes of a connection that was never made: the request cannot have reached Telegram. */
const neverConnected = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * How a failed send looks to the outbox. Telegram answering with a client error (4xx) means it
 * did not deliver; a 429 says when to try again. A network failure or a server error (5xx) after
 * the request went out may have delivered, so it is never repeated. The texts carry no message text.
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof GrammyError) {
    const code = error.error_code;
    const said = `${code}: ${error.description}`;
    if (code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return new DeliveryError(`Telegram asks to slow down (${said}); trying again in ${seconds} s`, 'no', seconds * 1000);
    }
    if (code === 400 || code === 403) {
      const moved = error.parameters.migrate_to_chat_id;
      const hint = moved !== undefined ? `; the group is now the supergroup ${moved}` : '';
      return new DeliveryError(`permanent: Telegram refused the message (${said})${hint}; trying again will not help`, 'no');
    }
    if (code < 500) return new DeliveryError(`Telegram refused the message (${said})`, 'no');
    return new DeliveryError(`Telegram failed while sending (${said}); the message may have arrived`, 'maybe');
  }
  if (error instanceof HttpError) {
    const code = errorCode(error.error);
    if (code !== undefined && neverConnected.has(code)) {
      return new DeliveryError(`Telegram could not be reached (${code}); nothing was sent`, 'no');
    }
    return new DeliveryError(`${error.message}${code ? ` (${code})` : ''}; the message may have arrived`, 'maybe');
  }
  const reason = errorMessage(error);
  return new DeliveryError(`sending to Telegram failed (${reason}); the message may have arrived`, 'maybe');
}

/**
 * The outbox's view of Telegram: one sendMessage per part of the text, as plain text; a file as a
 * photo or a document, with the text as its caption when it fits. Not transactional: the outbox
 * claims the row first, so a crash mid-send is never sent twice. Once a part has arrived, a
 * failure of a later part is 'maybe': repeating would repeat the first.
 */
export function telegramOutboundChannel(api: TelegramSender, botUsername?: string): OutboundChannel {
  return {
    platform: telegramPlatform,
    pacing: telegramPacing,
    transactional: false,
    ...(botUsername ? { privateInviteLink: (code: string) => telegramDeepLink(botUsername, code) } : {}),
    async send(message: Outbound): Promise<SendResult> {
      if (message.recallOf !== undefined) return recall(api, message, message.recallOf);
      const ids: number[] = [];
      const file = message.file;
      const captioned = file !== undefined && message.text.length <= telegramCaptionLimit;
      const calls: (() => Promise<{ message_id: number }>)[] = captioned
        ? []
        : splitForTelegram(message.text).map((part) => () => api.sendMessage(message.platformChatId, part));
      if (file) {
        const upload = new InputFile(file.data, file.name);
        const caption = captioned && message.text !== '' ? { caption: message.text } : {};
        calls.push(() =>
          photoTypes.has(file.mimeType)
            ? api.sendPhoto(message.platformChatId, upload, caption)
            : api.sendDocument(message.platformChatId, upload, caption),
        );
      }
      for (const call of calls) {
        try {
          ids.push((await call()).message_id);
        } catch (error) {
          const failure = toDeliveryError(error);
          if (ids.length === 0) throw failure;
          throw new DeliveryError(`part ${ids.length + 1} failed after ${ids.length} arrived: ${failure.message}`, 'maybe');
        }
      }
      const first = ids[0];
      const pinned = message.pin && first !== undefined ? { pinned: await pinQuietly(api, message.platformChatId, first) } : {};
      return { platformMessageId: `${message.platformChatId}:${ids.join(',')}`, ...pinned };
    },
  };
}
