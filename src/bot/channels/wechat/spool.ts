import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../../../log.ts';
import type { FieldCipher } from '../../../privacy/index.ts';
import type { Inbound } from '../../message.ts';
import { errorMessage } from '../../../errors.ts';

/**
 * WeChat hands a message over once and never again. Until it is stored, it is kept in a spool
 * folder in the data folder, encrypted (it may hold an ID number), one file a message: written
 * before storing is tried, removed once stored. A process that stops (or dies) while the database
 * is away leaves the files, and the next start stores them (ingest keeps each message once).
 */
const spooledSchema = z.object({
  platform: z.string(),
  chatId: z.string(),
  chatKind: z.enum(['private', 'group']),
  chatTitle: z.string().nullish(),
  senderId: z.string(),
  senderName: z.string().nullish(),
  text: z.string(),
  mentionsBot: z.boolean().optional(),
  files: z.array(z.object({ name: z.string(), mimeType: z.string().optional(), size: z.number().optional(), ref: z.string() })).optional(),
  messageId: z.string(),
  at: z.string(),
});

export interface Spool {
  /** Keeps the message on disk; returns the handle to forget it by once stored. */
  keep(inbound: Inbound): string;
  forget(handle: string): void;
  /** Messages left by an earlier process, oldest first. A file that cannot be read is set aside. */
  leftOver(): { handle: string; inbound: Inbound }[];
}

export function openSpool(dataDir: string, cipher: FieldCipher, log: Logger): Spool {
  const folder = path.join(dataDir, 'wechat-spool');
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  let sequence = 0;
  return {
    keep(inbound) {
      const digest = createHash('sha256').update(inbound.messageId).digest('hex').slice(0, 16);
      const name = `${Date.now().toString().padStart(15, '0')}-${String((sequence += 1)).padStart(6, '0')}-${digest}.msg`;
      const file = path.join(folder, name);
      const at = inbound.at instanceof Date ? inbound.at : new Date(String(inbound.at));
      const body = cipher.encrypt(JSON.stringify({ ...inbound, at: at.toISOString() }));
      const fd = fs.openSync(file, 'wx', 0o600);
      try {
        fs.writeSync(fd, body);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      return file;
    },
    forget(handle) {
      fs.rmSync(handle, { force: true });
    },
    leftOver() {
      const names = fs.readdirSync(folder).filter((name) => name.endsWith('.msg')).sort();
      const found: { handle: string; inbound: Inbound }[] = [];
      for (const name of names) {
        const file = path.join(folder, name);
        try {
          const parsed = spooledSchema.parse(JSON.parse(cipher.decrypt(fs.readFileSync(file, 'utf8'))));
          found.push({ handle: file, inbound: { ...parsed, at: new Date(parsed.at) } });
        } catch (error) {
          // Kept for the operator, out of the way of the next start.
          fs.renameSync(file, `${file}.unreadable`);
          log.error({ file: name, reason: errorMessage(error) }, 'WeChat: a spooled message could not be read; it was set aside');
        }
      }
      return found;
    },
  };
}
