import fs from 'node:fs';
import type { FieldCipher } from '../../store/crypto.ts';
import type { Queryable } from '../../store/db.ts';
import { maskText } from '../../store/mask.ts';
import type { Outbound } from '../message.ts';
import { noPacing, type OutboundChannel, type SendResult } from './channel.ts';
import { checkToldSize, readAtMost } from './files.ts';

export const sandboxPlatform = 'sandbox';

const sizeOf = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${Math.ceil(bytes / 1024)} KB`);

/** The sandbox's private chat with a user: the bot may open it, as it may not on real platforms. */
export const sandboxPrivateChatId = (user: string) => `dm:${user}`;

/**
 * The sandbox "sends" by writing the reply into its transcript, inside the outbox transaction,
 * keyed by the outbox row: a message is in the terminal once, however often the send is retried.
 */
export function sandboxOutboundChannel(cipher: FieldCipher): OutboundChannel {
  return {
    platform: sandboxPlatform,
    pacing: noPacing,
    transactional: true,
    privateChatId: sandboxPrivateChatId,
    async send(message: Outbound, tx: Queryable): Promise<SendResult> {
      // The terminal shows that a file came; its bytes stay encrypted in the outbox, never on disk.
      const shown = message.file ? `${message.text}\n📎 ${message.file.name} (${sizeOf(message.file.data.byteLength)})` : message.text;
      const rows = await tx.query<{ id: number }>(
        `INSERT INTO sandbox_transcript (outbox_id, chat_id, to_account_id, text_enc, text_masked)
         SELECT o.id, o.chat_id, o.to_account_id, $2, $3 FROM outbox o WHERE o.id = $1
         ON CONFLICT (outbox_id) DO NOTHING RETURNING id`,
        [message.outboxId, cipher.encrypt(shown), maskText(shown)],
      );
      return rows[0] ? { platformMessageId: `sandbox-${rows[0].id}` } : {};
    },
    // A sandbox file is one on this machine, named by its path: the person at the terminal sent it.
    async readFile(file, limitBytes): Promise<Uint8Array> {
      checkToldSize((await fs.promises.stat(file.ref)).size, limitBytes);
      return readAtMost(fs.createReadStream(file.ref), limitBytes);
    },
  };
}
