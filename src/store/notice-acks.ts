import type { FieldCipher } from '../privacy/index.ts';
import type { Queryable } from './db.ts';

/** A notice as it stands in one chat: sent there, not taken back. */
export interface NoticeInChat {
  noticeId: number;
  platformMessageId: string | null;
  body: string;
  sentAt: Date;
}

/** The notices that reached a chat and stand, newest first. */
export async function noticesInChat(q: Queryable, cipher: FieldCipher, chatId: number, limit = 20): Promise<NoticeInChat[]> {
  const rows = await q.query<{ notice_id: number; platform_message_id: string | null; body_enc: string; sent_at: Date }>(
    `SELECT d.notice_id, o.platform_message_id, n.body_enc, o.sent_at
     FROM deliveries d JOIN notices n ON n.id = d.notice_id JOIN outbox o ON o.id = d.outbox_id
     WHERE d.chat_id = $1 AND o.status = 'sent' AND n.status = 'sent' AND d.recall_outbox_id IS NULL
     ORDER BY d.notice_id DESC LIMIT $2`,
    [chatId, limit],
  );
  return rows.map((row) => ({
    noticeId: row.notice_id,
    platformMessageId: row.platform_message_id,
    body: cipher.decrypt(row.body_enc),
    sentAt: row.sent_at,
  }));
}

/** The notices this person has acknowledged, of those given. */
export async function acknowledgedOf(q: Queryable, personId: number, noticeIds: readonly number[]): Promise<Set<number>> {
  const rows = await q.query<{ notice_id: number }>(
    'SELECT notice_id FROM acknowledgements WHERE person_id = $1 AND notice_id = ANY($2::bigint[])',
    [personId, noticeIds],
  );
  return new Set(rows.map((row) => row.notice_id));
}

export interface Acknowledgement {
  noticeId: number;
  personId: number;
  accountId: number;
  chatId: number;
  via: 'word' | 'reply' | 'reaction';
  at: Date;
}

/** Records that a person read a notice; the first acknowledgement stands. */
export async function acknowledge(q: Queryable, ack: Acknowledgement): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO acknowledgements (notice_id, person_id, account_id, chat_id, via, at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (notice_id, person_id) DO NOTHING RETURNING notice_id`,
    [ack.noticeId, ack.personId, ack.accountId, ack.chatId, ack.via, ack.at],
  );
  return rows.length > 0;
}
