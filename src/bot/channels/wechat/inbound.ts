import { types, type Contact, type Message, type Room, type Wechaty } from 'wechaty';
import { z } from 'zod';
import type { Inbound, InboundFile } from '../../message.ts';

import { wechatPlatform } from './platform.ts';

export { wechatPlatform };

/** Spreadsheets that a landlord or shop owner may send as a roster. */
const spreadsheetTypes: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

/** WeChat ends an @mention with a four-per-em space (U+2005); some clients send a plain one. */
const mentionEnd = '(?:\\u2005|\\s|$)';

/** What the puppet tells about a message, checked at the door: Linli reads this much and no more. */
const payloadSchema = z.object({
  id: z.string().min(1),
  type: z.number().int(),
  timestamp: z.number().nonnegative(),
  filename: z.string().optional(),
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The names the bot goes by in a room: its own, and the alias it was given there. */
async function namesInRoom(room: Room, bot: Contact): Promise<string[]> {
  const alias = await room.alias(bot).catch(() => undefined);
  return [alias, bot.name()].filter((name): name is string => typeof name === 'string' && name.trim() !== '');
}

/** Takes "@邻里小助手 " (in any of the bot's names) out of the text, as the sandbox does. */
function withoutMentions(text: string, names: readonly string[]): string {
  let result = text;
  // Longer names first, so that "@邻里小助手" is not cut down to "小助手" by a shorter alias "邻里".
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    result = result.replace(new RegExp(`@${escapeRegExp(name)}${mentionEnd}`, 'gu'), '');
  }
  return result.trim();
}

function spreadsheetKind(fileName: string): string | undefined {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension !== undefined && extension in spreadsheetTypes ? extension : undefined;
}

/**
 * A file message as a roster upload: only .xlsx and .csv, named by the message id, from which
 * the adapter fetches the contents when a handler asks (readWechatFile).
 */
async function spreadsheetFiles(message: Message, filename: string | undefined): Promise<InboundFile[]> {
  const name = filename ?? (await message.toFileBox().then((box) => box.name, () => undefined));
  if (!name) return [];
  const kind = spreadsheetKind(name);
  if (!kind) return [];
  return [{ name: name.slice(0, 255), mimeType: spreadsheetTypes[kind], ref: message.id }];
}

/** The contents of a file that an Inbound names by its `ref` (the message id), fetched through the puppet. */
export async function readWechatFile(bot: Pick<Wechaty, 'puppet'>, ref: string): Promise<Buffer> {
  const box = await bot.puppet.messageFile(ref);
  return box.toBuffer();
}

/**
 * Translates one Wechaty message into Linli's Inbound, or undefined when it is not for Linli: the
 * bot's own messages, and anything but text and spreadsheet files (images, voice, red packets,
 * system notices). A room message names the room as its chat; any other names the person.
 */
export async function wechatInbound(message: Message, botSelfId: string): Promise<Inbound | undefined> {
  const parsed = payloadSchema.safeParse(message.payload);
  if (!parsed.success) return undefined;
  const payload = parsed.data;
  const talker = message.talker();
  if (talker.id === botSelfId) return undefined;
  const isText = payload.type === types.Message.Text;
  if (!isText && payload.type !== types.Message.Attachment) return undefined;
  const files = isText ? [] : await spreadsheetFiles(message, payload.filename);
  const text = isText ? message.text() : '';
  if (text.trim() === '' && files.length === 0) return undefined;

  const room = message.room();
  const bot = room && isText ? (await message.mentionList()).find((contact) => contact.id === botSelfId) : undefined;
  const edited = room && bot ? withoutMentions(text, await namesInRoom(room, bot)) : text.trim();
  // The name the person gave themselves; where there is none, what they call themselves in the group.
  const senderName = talker.name() || (room ? await room.alias(talker).catch(() => undefined) : undefined) || talker.id;
  return {
    platform: wechatPlatform,
    chatId: room ? room.id : talker.id,
    chatKind: room ? 'group' : 'private',
    chatTitle: room ? (await room.topic()).slice(0, 256) : null,
    senderId: talker.id,
    senderName: senderName.slice(0, 256),
    // A message that was nothing but the mention keeps it, so that it is not empty.
    text: edited === '' ? text.trim() : edited,
    mentionsBot: bot !== undefined,
    files,
    messageId: payload.id,
    at: message.date(),
  };
}
