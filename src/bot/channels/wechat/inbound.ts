import { types, type Contact, type Message, type Room, type Wechaty } from 'wechaty';
import { z } from 'zod';
import type { Inbound, InboundFile } from '../../message.ts';
import { checkToldSize, readAtMost } from '../files.ts';

import { wechatPlatform } from './platform.ts';
import { splitWechatQuote } from './quote.ts';

export { wechatPlatform };

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

/**
 * A file message, named by the message id, from which the adapter fetches the contents when a
 * job asks (readWechatFile). The handlers decide what to make of it: a roster in a spreadsheet;
 * anything else is answered or ignored there.
 */
async function attachmentFiles(message: Message, filename: string | undefined): Promise<InboundFile[]> {
  const name = filename ?? (await message.toFileBox().then((box) => box.name, () => undefined));
  if (!name) return [];
  return [{ name: name.slice(0, 255), ref: message.id }];
}

/**
 * The contents of a file that an Inbound names by its `ref` (the message id), fetched through
 * the puppet, and never more than `limitBytes` (FileTooLargeError).
 */
export async function readWechatFile(bot: Pick<Wechaty, 'puppet'>, ref: string, limitBytes = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const box = await bot.puppet.messageFile(ref);
  // FileBox tells -1 for a size it does not know.
  checkToldSize(box.size > 0 ? box.size : undefined, limitBytes);
  return Buffer.from(await readAtMost(await box.toStream(), limitBytes));
}

/**
 * Translates one Wechaty message into Linli's Inbound, or undefined when it is not for Linli: the
 * bot's own messages, and anything but text and files (images, voice, red packets,
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
  const files = isText ? [] : await attachmentFiles(message, payload.filename);
  const said = isText ? message.text() : '';
  const quote = splitWechatQuote(said);
  const text = quote ? quote.reply : said;
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
    ...(quote ? { quoted: quote.quoted } : {}),
  };
}
