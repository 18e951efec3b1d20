import type { FieldCipher } from '../privacy/index.ts';
import type { Queryable } from './db.ts';

export interface LatestNotice {
  id: number;
  body: string;
  sentAt: Date;
}

/** How much of each notice 最新通知 shows; the whole text is in the group. */
const shownChars = 300;

/**
 * The latest notices of a place, newest first: those that reached a group (asked in the group),
 * or those that reached any group of the places the person lives in (asked privately).
 * Recalled notices are not shown.
 */
export async function latestNoticesFor(
  q: Queryable,
  cipher: FieldCipher,
  where: { chatId: number } | { personId: number },
  limit = 5,
): Promise<LatestNotice[]> {
  const rows =
    'chatId' in where
      ? await q.query<{ id: number; body_enc: string; sent_at: Date }>(
          `SELECT n.id, n.body_enc, o.sent_at FROM notices n JOIN deliveries d ON d.notice_id = n.id JOIN outbox o ON o.id = d.outbox_id
           WHERE d.chat_id = $1 AND n.status = 'sent' AND o.status = 'sent' ORDER BY n.id DESC LIMIT $2`,
          [where.chatId, limit],
        )
      : await q.query<{ id: number; body_enc: string; sent_at: Date }>(
          `WITH RECURSIVE up AS (
             SELECT a.id, a.parent_id FROM occupancies o JOIN areas a ON a.id = o.room_id
             WHERE o.person_id = $1 AND (o.until IS NULL OR o.until >= current_date)
             UNION SELECT a.id, a.parent_id FROM areas a JOIN up ON a.id = up.parent_id
           )
           SELECT n.id, n.body_enc, min(o.sent_at) AS sent_at
           FROM notices n JOIN deliveries d ON d.notice_id = n.id JOIN chats c ON c.id = d.chat_id JOIN outbox o ON o.id = d.outbox_id
           WHERE c.area_id IN (SELECT id FROM up) AND n.status = 'sent' AND o.status = 'sent'
           GROUP BY n.id, n.body_enc ORDER BY n.id DESC LIMIT $2`,
          [where.personId, limit],
        );
  return rows.map((row) => {
    const body = cipher.decrypt(row.body_enc);
    return { id: row.id, body: body.length > shownChars ? `${body.slice(0, shownChars)}…` : body, sentAt: row.sent_at };
  });
}
