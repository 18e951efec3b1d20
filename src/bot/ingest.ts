import { z } from 'zod';
import { findOrCreateAccount } from '../store/accounts.ts';
import { findOrCreateChat } from '../store/chats.ts';
import { maskText } from '../privacy/index.ts';
import type { BotDeps } from './deps.ts';
import { isFlooding } from './flood.ts';
import { cleanInbound } from './inbound-text.ts';
import { inboundSchema, type Inbound } from './message.ts';
import { claimTurn } from './turns.ts';

export type IngestResult =
  | { kind: 'accepted'; inboundId: number; accountId: number }
  | { kind: 'duplicate'; inboundId: number; accountId: number }
  | { kind: 'rejected'; problem: string };

/**
 * The door of the message path: stores a channel's message once per (platform, message id)
 * and queues its handling. Platforms re-deliver; a second delivery changes nothing.
 */
export async function ingest(deps: BotDeps, raw: Inbound): Promise<IngestResult> {
  const cleaned = cleanInbound(raw);
  const parsed = inboundSchema.safeParse(cleaned.inbound);
  if (!parsed.success) {
    deps.log.warn({ problem: z.prettifyError(parsed.error) }, 'a channel handed over a malformed message');
    return { kind: 'rejected', problem: z.prettifyError(parsed.error) };
  }
  const message = parsed.data;
  const stored = await deps.db.transaction(async (tx) => {
    const chat = await findOrCreateChat(tx, {
      platform: message.platform,
      platformChatId: message.chatId,
      kind: message.chatKind === 'private' ? 'private' : 'group',
      title: message.chatTitle ?? null,
    });
    const account = await findOrCreateAccount(tx, deps.cipher, {
      platform: message.platform,
      platformUserId: message.senderId,
      displayName: message.senderName ?? null,
    });
    const limited = await isFlooding(tx, message.platform, account.accountId);
    const inserted = await tx.query<{ id: number }>(
      `INSERT INTO inbound_messages
         (platform, platform_message_id, chat_id, account_id, text_enc, text_masked, mentions_bot, files, sent_at, today,
          truncated, limited, reply_to, quoted_enc)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (platform, platform_message_id) DO NOTHING RETURNING id`,
      [
        message.platform,
        message.messageId,
        chat.id,
        account.accountId,
        deps.cipher.encrypt(message.text),
        maskText(message.text),
        message.mentionsBot,
        // A file's name is kept as the file's label only, and may hold an ID number or a phone.
        JSON.stringify(message.files.map((file) => ({ ...file, name: maskText(file.name) }))),
        message.at,
        message.today ?? null,
        cleaned.truncated,
        limited,
        message.replyTo ?? null,
        message.quoted !== undefined ? deps.cipher.encrypt(message.quoted) : null,
      ],
    );
    if (inserted[0]) {
      const turn = await claimTurn(tx, account.accountId);
      return { kind: 'accepted' as const, inboundId: inserted[0].id, accountId: account.accountId, turn };
    }
    const existing = await tx.query<{ id: number; account_id: number }>(
      'SELECT id, account_id FROM inbound_messages WHERE platform = $1 AND platform_message_id = $2',
      [message.platform, message.messageId],
    );
    const row = existing[0];
    if (!row) throw new Error('duplicate message vanished');
    return { kind: 'duplicate' as const, inboundId: row.id, accountId: row.account_id };
  });
  if (stored.kind !== 'accepted') return stored;
  // An account whose turn is already queued (or running) gets this message handled in it.
  if (stored.turn) await queueInbound(deps, stored.inboundId, stored.accountId);
  return { kind: 'accepted', inboundId: stored.inboundId, accountId: stored.accountId };
}

/** Queues a turn of an account: the handling of its pending messages; the job id makes a repeat harmless. */
export async function queueInbound(deps: BotDeps, inboundId: number, accountId: number, jobSuffix = '', delayMs = 0): Promise<void> {
  await deps.jobs.add('inbound', 'handle', { accountId, inboundId }, { jobId: `in-${inboundId}${jobSuffix}`, delayMs });
}
