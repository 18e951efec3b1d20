import type { FieldCipher } from '../store/crypto.ts';
import { maybeOne, type Queryable } from '../store/db.ts';
import { maskText } from '../store/mask.ts';
import { noPacing, type ChannelRegistry } from './channels/channel.ts';
import type { Reply } from './message.ts';
import { reserveSlot } from './pacing.ts';

export interface QueuedSend {
  outboxId: number;
  notBefore: Date;
}

/**
 * Writes replies to the outbox in the caller's transaction. The text is kept encrypted, with a
 * masked copy: a stored message text keeps no readable ID number or phone.
 */
export async function writeOutbox(
  tx: Queryable,
  cipher: FieldCipher,
  channels: ChannelRegistry,
  replies: readonly Reply[],
  now: Date,
  inboundId: number | null,
): Promise<QueuedSend[]> {
  const queued: QueuedSend[] = [];
  for (const reply of replies) {
    const chat = await maybeOne<{ platform: string; kind: string }>(tx, 'SELECT platform, kind FROM chats WHERE id = $1', [reply.chatId]);
    if (!chat) throw new Error(`reply to unknown chat ${reply.chatId}`);
    const pacing = channels.get(chat.platform)?.pacing ?? noPacing;
    const notBefore = await reserveSlot(tx, chat.platform, { id: reply.chatId, isGroup: chat.kind !== 'private' }, pacing, now);
    const rows = await tx.query<{ id: number }>(
      `INSERT INTO outbox (inbound_id, platform, chat_id, to_account_id, text_enc, text_masked, not_before)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        inboundId,
        chat.platform,
        reply.chatId,
        reply.toAccountId ?? null,
        cipher.encrypt(reply.text),
        maskText(reply.text),
        notBefore,
      ],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new Error('outbox insert returned no id');
    queued.push({ outboxId: id, notBefore });
  }
  return queued;
}
