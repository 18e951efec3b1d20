import fs from 'node:fs';
import path from 'node:path';
import { type FieldCipher, maskText } from '../../privacy/index.ts';
import type { Queryable } from '../../store/db.ts';
import type { Outbound } from '../message.ts';
import { noPacing, type OutboundChannel, type SendResult } from './channel.ts';
import { checkToldSize, readAtMost } from './files.ts';

export const sandboxPlatform = 'sandbox';

const sizeOf = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${Math.ceil(bytes / 1024)} KB`);

/** The sandbox's private chat with a user: the bot may open it, as it may not on real platforms. */
export const sandboxPrivateChatId = (user: string) => `dm:${user}`;

/**
 * Where the sandbox keeps a file the bot sent, in the data folder: named by the outbox row, so a
 * retried send writes the same file again.
 */
function saveFile(filesDir: string, outboxId: number, file: { name: string; data: Uint8Array }): string {
  const dir = path.resolve(filesDir, 'sandbox-files');
  fs.mkdirSync(dir, { recursive: true });
  const saved = path.join(dir, `${outboxId}-${path.basename(file.name).replace(/[\\/:*?"<>|]/gu, '_')}`);
  fs.writeFileSync(saved, file.data);
  return saved;
}

/**
 * The sandbox "sends" by writing the reply into its transcript, inside the outbox transaction,
 * keyed by the outbox row: a message is in the terminal once, however often the send is retried.
 * A file is saved in the data folder (`filesDir`), and its path shown, so that it can be opened.
 */
export function sandboxOutboundChannel(cipher: FieldCipher, filesDir?: string): OutboundChannel {
  return {
    platform: sandboxPlatform,
    pacing: noPacing,
    transactional: true,
    privateChatId: sandboxPrivateChatId,
    async send(message: Outbound, tx: Queryable): Promise<SendResult> {
      const saved = message.file && filesDir !== undefined ? saveFile(filesDir, message.outboxId, message.file) : null;
      const shown = message.file
        ? `${message.text}\n📎 ${message.file.name} (${sizeOf(message.file.data.byteLength)})${saved ? `\n   ${saved}` : ''}`
        : message.text;
      const rows = await tx.query<{ id: number }>(
        `INSERT INTO sandbox_transcript (outbox_id, chat_id, to_account_id, text_enc, text_masked, file_path)
         SELECT o.id, o.chat_id, o.to_account_id, $2, $3, $4 FROM outbox o WHERE o.id = $1
         ON CONFLICT (outbox_id) DO NOTHING RETURNING id`,
        [message.outboxId, cipher.encrypt(shown), maskText(shown), saved],
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
