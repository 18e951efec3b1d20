import { type FieldCipher, maskText } from '../privacy/index.ts';
import type { ChatRecord } from '../store/chats.ts';
import { maybeOne, type Queryable } from '../store/db.ts';
import { noPacing, type ChannelRegistry } from './channels/channel.ts';
import { maxOutboundFileBytes, type OutboundFile, type Reply } from './message.ts';
import { reserveSlot } from './pacing.ts';

function encryptFile(cipher: FieldCipher, file: OutboundFile): string {
  if (file.data.byteLength > maxOutboundFileBytes) {
    throw new Error(`the file ${file.name} is ${file.data.byteLength} bytes, more than the ${maxOutboundFileBytes} a message may carry`);
  }
  return cipher.encrypt(Buffer.from(file.data).toString('base64'));
}

/** The file of an outbox row, decrypted; undefined for a message of text alone. */
export function decryptFile(
  cipher: FieldCipher,
  row: { file_name: string | null; file_mime_type: string | null; file_enc: string | null },
): OutboundFile | undefined {
  if (row.file_enc === null || row.file_name === null) return undefined;
  const data = new Uint8Array(Buffer.from(cipher.decrypt(row.file_enc), 'base64'));
  return { name: row.file_name, mimeType: row.file_mime_type ?? 'application/octet-stream', data };
}

export interface QueuedSend {
  outboxId: number;
  notBefore: Date;
  /** Decides the queue: WeChat sends have one of their own (see queueSends). */
  platform?: string;
}

/** What the outbox needs to know of a chat it writes to. */
type OutboxChat = Pick<ChatRecord, 'id' | 'platform' | 'kind'>;

/**
 * Writes replies to the outbox in the caller's transaction. The text is kept encrypted, with a
 * masked copy: a stored message text keeps no readable ID number or phone. `knownChats` are chats
 * the caller has already read in this transaction (the chat a message came from), not read again.
 */
export async function writeOutbox(
  tx: Queryable,
  cipher: FieldCipher,
  channels: ChannelRegistry,
  replies: readonly Reply[],
  now: Date,
  inboundId: number | null,
  knownChats: readonly OutboxChat[] = [],
): Promise<QueuedSend[]> {
  const queued: QueuedSend[] = [];
  const chats = new Map(knownChats.map((chat) => [chat.id, chat]));
  for (const reply of replies) {
    let chat = chats.get(reply.chatId);
    if (!chat) {
      const row = await maybeOne<{ platform: string; kind: ChatRecord['kind'] }>(tx, 'SELECT platform, kind FROM chats WHERE id = $1', [reply.chatId]);
      if (!row) throw new Error(`reply to unknown chat ${reply.chatId}`);
      chat = { id: reply.chatId, ...row };
      chats.set(reply.chatId, chat);
    }
    const pacing = channels.get(chat.platform)?.pacing ?? noPacing;
    const notBefore = await reserveSlot(tx, chat.platform, { id: reply.chatId, isGroup: chat.kind !== 'private' }, pacing, now);
    const rows = await tx.query<{ id: number }>(
      `INSERT INTO outbox (inbound_id, platform, chat_id, to_account_id, text_enc, text_masked, not_before,
                           file_name, file_mime_type, file_enc, pin, recall_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        inboundId,
        chat.platform,
        reply.chatId,
        reply.toAccountId ?? null,
        cipher.encrypt(reply.text),
        maskText(reply.text),
        notBefore,
        reply.file?.name ?? null,
        reply.file?.mimeType ?? null,
        reply.file ? encryptFile(cipher, reply.file) : null,
        reply.pin ?? false,
        reply.recallOf ?? null,
      ],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new Error('outbox insert returned no id');
    queued.push({ outboxId: id, notBefore, platform: chat.platform });
  }
  return queued;
}
