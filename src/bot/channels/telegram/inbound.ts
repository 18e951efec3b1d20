import type { Inbound, InboundFile } from '../../message.ts';
import {
  telegramMessageSchema,
  type TelegramDocument,
  type TelegramEntity,
  type TelegramMessage,
  type TelegramUser,
} from './update.ts';

export const telegramPlatform = 'telegram';

interface TextEdit {
  start: number;
  end: number;
  replacement: string;
}

type Addressing = { kind: 'other-bot' } | { kind: 'ok'; mentionsBot: boolean; edits: TextEdit[] };

const sameName = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();
const isThisBot = (user: TelegramUser | undefined, botUsername: string) =>
  user !== undefined && user.is_bot && sameName(user.username, botUsername);

/** Removing a mention takes one blank beside it along, so that "@bot 帮助" becomes "帮助". */
function removal(text: string, start: number, end: number): TextEdit {
  if (/\s/u.test(text.charAt(end))) return { start, end: end + 1, replacement: '' };
  if (start > 0 && /\s/u.test(text.charAt(start - 1))) return { start: start - 1, end, replacement: '' };
  return { start, end, replacement: '' };
}

/**
 * Who a message speaks to. A leading "/cmd@thisbot" keeps "/cmd"; "/cmd@otherbot" in a group is
 * for another bot. An @mention or text mention of this bot, or a reply to one of its messages,
 * addresses it; the mention itself is taken out of the text, as the sandbox does.
 */
function readAddressing(message: TelegramMessage, text: string, entities: readonly TelegramEntity[], botUsername: string): Addressing {
  const edits: TextEdit[] = [];
  let mentionsBot = isThisBot(message.reply_to_message?.from, botUsername);
  for (const entity of entities) {
    const start = entity.offset;
    const end = entity.offset + entity.length;
    const part = text.slice(start, end);
    if (entity.type === 'bot_command' && start === 0) {
      const at = part.indexOf('@');
      if (at < 0) continue;
      const target = part.slice(at + 1);
      if (message.chat.type !== 'private' && !sameName(target, botUsername)) return { kind: 'other-bot' };
      edits.push({ start: at, end, replacement: '' });
    } else if (entity.type === 'mention' && sameName(part, `@${botUsername}`)) {
      mentionsBot = true;
      edits.push(removal(text, start, end));
    } else if (entity.type === 'text_mention' && isThisBot(entity.user, botUsername)) {
      mentionsBot = true;
      edits.push(removal(text, start, end));
    }
  }
  return { kind: 'ok', mentionsBot, edits };
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.replacement + result.slice(edit.end);
  }
  return result;
}

/**
 * A document as a file of the message, by its file id: the handlers decide what to make of it
 * (a roster in a spreadsheet; anything else is answered or ignored there). Photos, voice and
 * videos are not documents and are not handed on.
 */
function documentFiles(document: TelegramDocument | undefined): InboundFile[] {
  if (!document) return [];
  return [
    {
      name: (document.file_name ?? 'document').slice(0, 255),
      ...(document.mime_type !== undefined ? { mimeType: document.mime_type.slice(0, 255) } : {}),
      ...(document.file_size !== undefined ? { size: document.file_size } : {}),
      ref: document.file_id,
    },
  ];
}

function displayName(user: TelegramUser): string {
  const name = [user.first_name, user.last_name].filter((part) => part !== undefined && part !== '').join(' ');
  return (name || user.username || String(user.id)).slice(0, 256);
}

/**
 * Translates one Telegram message (a grammY context or an update: anything with a `message`) into
 * Linli's Inbound, or undefined when it is not for Linli: a channel post, a message sent in the
 * name of a chat, a service message, a command for another bot.
 */
export function telegramInbound(source: { message?: unknown }, botUsername: string): Inbound | undefined {
  const parsed = telegramMessageSchema.safeParse(source.message);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  const { chat, from } = message;
  if (chat.type === 'channel' || !from || from.is_bot || message.sender_chat) return undefined;
  const isText = message.text !== undefined;
  const text = message.text ?? message.caption ?? '';
  const files = documentFiles(message.document);
  if (text === '' && files.length === 0) return undefined;
  const addressing = readAddressing(message, text, (isText ? message.entities : message.caption_entities) ?? [], botUsername);
  if (addressing.kind === 'other-bot') return undefined;
  const edited = applyEdits(text, addressing.edits).trim();
  return {
    platform: telegramPlatform,
    chatId: String(chat.id),
    chatKind: chat.type === 'private' ? 'private' : 'group',
    chatTitle: chat.type === 'private' ? null : (chat.title ?? null),
    senderId: String(from.id),
    senderName: displayName(from),
    // A message that was nothing but the mention keeps it, so that it is not empty.
    text: edited === '' ? text.trim() : edited,
    mentionsBot: addressing.mentionsBot,
    files,
    // Telegram numbers messages per chat.
    messageId: `${chat.id}:${message.message_id}`,
    at: new Date(message.date * 1000),
    ...(message.reply_to_message?.message_id !== undefined ? { replyTo: `${chat.id}:${message.reply_to_message.message_id}` } : {}),
  };
}
