import { z } from 'zod';
import type { ChatKind, ChatRecord } from '../store/chats.ts';
import type { Queryable } from '../store/db.ts';
import type { BotDeps } from './deps.ts';
import type { HandledMessage } from './handler.ts';
import { inboundFileSchema, type InboundFile } from './message.ts';

/** Advisory-lock namespace for "one account's messages, one at a time, in order". */
const accountLockSpace = 7_410_002;

/** A stored inbound message with its chat and its sender, read in one statement. */
export interface PendingRow extends Record<string, unknown> {
  id: number;
  platform: string;
  chat_id: number;
  account_id: number;
  text_enc: string | null;
  mentions_bot: boolean;
  sent_at: Date;
  today: string | null;
  files: unknown;
  truncated: boolean;
  limited: boolean;
  reply_to: string | null;
  quoted_enc: string | null;
  /** The chat and the account are null only when they are missing, which their keys forbid. */
  chat_platform: string | null;
  chat_platform_chat_id: string | null;
  chat_kind: ChatKind | null;
  chat_title: string | null;
  chat_area_id: number | null;
  account_person_id: number | null;
  account_lang: string | null;
  account_display_name: string | null;
  account_platform: string | null;
  account_platform_user_id: string | null;
}

const messageColumns = 'id, platform, chat_id, account_id, text_enc, mentions_bot, sent_at, today, files, truncated, limited, reply_to, quoted_enc';

/** The chat and the sender of the message `m`: what handlers are given with its text. */
const withChatAndAccount = `
  SELECT m.*,
         c.platform AS chat_platform, c.platform_chat_id AS chat_platform_chat_id, c.kind AS chat_kind, c.title AS chat_title,
         c.area_id AS chat_area_id,
         a.person_id AS account_person_id, p.lang AS account_lang, a.display_name AS account_display_name,
         a.platform AS account_platform, a.platform_user_id AS account_platform_user_id`;
const chatAndAccountJoins = `
  LEFT JOIN chats c ON c.id = m.chat_id
  LEFT JOIN accounts a ON a.id = m.account_id
  LEFT JOIN persons p ON p.id = a.person_id`;

/**
 * The account's oldest pending message, under the account's lock; 'busy' when another worker
 * holds the lock (that worker's turn handles the message: it looks again after it lets go).
 * The lock is taken first (the CTE is evaluated once, before the message is read and locked).
 */
export async function nextPending(tx: Queryable, accountId: number): Promise<PendingRow | 'busy' | undefined> {
  const rows = await tx.query<PendingRow & { got: boolean }>(
    `WITH held AS MATERIALIZED (SELECT pg_try_advisory_xact_lock($1, $2) AS got)
     ${withChatAndAccount}, held.got
     FROM held
     LEFT JOIN LATERAL (
       SELECT ${messageColumns} FROM inbound_messages
       WHERE held.got AND account_id = $3 AND status = 'pending' ORDER BY id LIMIT 1 FOR UPDATE
     ) m ON true
     ${chatAndAccountJoins}`,
    [accountLockSpace, accountId, accountId],
  );
  const row = rows[0];
  if (row?.got !== true) return 'busy';
  return row.id === null ? undefined : row;
}

/** A stored message, with its chat and sender, by id. */
export async function inboundRow(tx: Queryable, inboundId: number): Promise<PendingRow> {
  const rows = await tx.query<PendingRow>(
    `${withChatAndAccount}
     FROM (SELECT ${messageColumns} FROM inbound_messages WHERE id = $1) m
     ${chatAndAccountJoins}`,
    [inboundId],
  );
  const row = rows[0];
  if (!row) throw new Error(`no inbound message ${inboundId}`);
  return row;
}

/** The files column as ingest wrote it; a row that does not read as files has none. */
function storedFiles(value: unknown): InboundFile[] {
  const parsed = z.array(inboundFileSchema).safeParse(value);
  return parsed.success ? parsed.data : [];
}

function chatOf(row: PendingRow): ChatRecord {
  if (row.chat_platform === null || row.chat_platform_chat_id === null || row.chat_kind === null) {
    throw new Error(`the chat ${row.chat_id} of inbound message ${row.id} is missing`);
  }
  return { id: row.chat_id, platform: row.chat_platform, platformChatId: row.chat_platform_chat_id, kind: row.chat_kind, title: row.chat_title, areaId: row.chat_area_id };
}

function accountOf(row: PendingRow): HandledMessage['account'] & { platform: string } {
  if (row.account_person_id === null || row.account_lang === null || row.account_platform === null || row.account_platform_user_id === null) {
    throw new Error(`the account ${row.account_id} of inbound message ${row.id} is missing`);
  }
  return {
    accountId: row.account_id,
    personId: row.account_person_id,
    lang: row.account_lang,
    displayName: row.account_display_name,
    platform: row.account_platform,
    platformUserId: row.account_platform_user_id,
  };
}

/** A stored message as its handler sees it: text decrypted, chat and sender resolved. */
export function toHandledMessage(deps: Pick<BotDeps, 'cipher'>, row: PendingRow): HandledMessage {
  return {
    id: row.id,
    platform: row.platform,
    text: row.text_enc ? deps.cipher.decrypt(row.text_enc) : '',
    mentionsBot: row.mentions_bot,
    sentAt: row.sent_at,
    chat: chatOf(row),
    account: accountOf(row),
    files: storedFiles(row.files),
    replyTo: row.reply_to,
    quoted: row.quoted_enc ? deps.cipher.decrypt(row.quoted_enc) : null,
  };
}
