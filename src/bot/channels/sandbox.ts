import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FieldCipher } from '../../privacy/index.ts';
import type { Queryable } from '../../store/db.ts';
import type { Inbound, InboundFile } from '../message.ts';
import { sandboxPlatform, sandboxPrivateChatId } from './sandbox-outbound.ts';

/**
 * The sandbox channel's inbound side: a person at a terminal (or a script) plays any user in
 * any chat. A private chat with the bot is named 'dm'; any other name is a group, made on first use.
 */
export const privateChatName = 'dm';
const botMention = /@(?:邻里|linli)(?![\p{L}\p{N}_])/giu;

export function sandboxChatId(user: string, chat: string): string {
  return chat === privateChatName ? sandboxPrivateChatId(user) : chat;
}

/** `/file 租户.xlsx` or `发送文件 租户.xlsx`: the person sends a file from this machine. */
const fileCommand = /^(?:\/file|发送文件|发文件)\s+(.+)$/u;

/** The path a sandbox message sends as a file, or undefined when it is a text. */
export function sandboxFilePath(text: string): string | undefined {
  const named = fileCommand.exec(text.trim())?.[1]?.trim();
  return named ? path.resolve(named.replace(/^(['"])(.*)\1$/, '$2')) : undefined;
}

function sandboxFile(filePath: string): InboundFile {
  const size = fs.statSync(filePath, { throwIfNoEntry: false })?.size;
  return { name: path.basename(filePath).slice(0, 255) || 'file', ...(size !== undefined ? { size } : {}), ref: filePath };
}

export function sandboxInbound(user: string, chat: string, text: string, today?: string): Inbound {
  const filePath = sandboxFilePath(text);
  if (filePath !== undefined) return { ...sandboxInbound(user, chat, '', today), files: [sandboxFile(filePath)] };
  const isPrivate = chat === privateChatName;
  // As on the real platforms, a mention of the bot is a flag on the message, not part of its text.
  const mentionsBot = text.search(botMention) >= 0;
  const withoutMention = text.replace(botMention, '').trim();
  return {
    platform: sandboxPlatform,
    chatId: sandboxChatId(user, chat),
    chatKind: isPrivate ? 'private' : 'group',
    chatTitle: isPrivate ? null : chat,
    senderId: user,
    senderName: user,
    text: withoutMention === '' ? text : withoutMention,
    mentionsBot,
    messageId: randomUUID(),
    at: new Date(),
    ...(today ? { today } : {}),
  };
}

export interface TranscriptLine {
  id: number;
  /** 'dm' for a private chat, else the group's name. */
  chat: string;
  /** The user a private chat belongs to, or the user addressed in a group; null for everyone. */
  to: string | null;
  text: string;
  inboundId: number | null;
  /** Where the sandbox saved the file that came with the reply; null for text alone. */
  file: string | null;
}

interface TranscriptRow extends Record<string, unknown> {
  id: number;
  text_enc: string;
  platform_chat_id: string;
  kind: string;
  title: string | null;
  to_user: string | null;
  inbound_id: number | null;
  file_path: string | null;
}

export interface TranscriptQuery {
  afterId?: number;
  inboundIds?: readonly number[];
  /** Only lines that this user can see: their private chat and the groups they are in. */
  limit?: number;
}

/** What the bot said in the sandbox, oldest first, decrypted for the terminal of its owner. */
export async function readTranscript(q: Queryable, cipher: FieldCipher, query: TranscriptQuery): Promise<TranscriptLine[]> {
  const rows = await q.query<TranscriptRow>(
    `SELECT t.id, t.text_enc, c.platform_chat_id, c.kind, c.title, a.platform_user_id AS to_user, o.inbound_id, t.file_path
     FROM sandbox_transcript t
     JOIN outbox o ON o.id = t.outbox_id
     JOIN chats c ON c.id = t.chat_id
     LEFT JOIN accounts a ON a.id = t.to_account_id
     WHERE t.id > $1 AND ($2::bigint[] IS NULL OR o.inbound_id = ANY($2::bigint[]))
     ORDER BY t.id LIMIT $3`,
    [query.afterId ?? 0, query.inboundIds ?? null, query.limit ?? 1000],
  );
  return rows.map((row) => ({
    id: row.id,
    chat: row.kind === 'private' ? privateChatName : (row.title ?? row.platform_chat_id),
    to: row.kind === 'private' ? row.platform_chat_id.replace(/^dm:/, '') : row.to_user,
    text: cipher.decrypt(row.text_enc),
    inboundId: row.inbound_id,
    file: row.file_path,
  }));
}
