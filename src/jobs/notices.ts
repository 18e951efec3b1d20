import { z } from 'zod';
import { wechatRecallWindowMs } from '../bot/channels/wechat/limits.ts';
import { wechatPlatform } from '../bot/channels/wechat/platform.ts';
import type { BotDeps } from '../bot/deps.ts';
import { maxOutboundFileBytes, type Reply } from '../bot/message.ts';
import { writeOutbox, type QueuedSend } from '../bot/outbox.ts';
import { queueSends } from '../bot/pipeline.ts';
import { t } from '../dialogs/messages/index.ts';
import type { JobQueues } from './queue.ts';
import type { Queryable } from '../store/db.ts';
import { digestScopeOf } from '../store/digest-scope.ts';
import { chatHouseholds } from '../store/notice-households.ts';
import { chatsInScope, parseNoticeScope } from '../store/notice-scope.ts';
import { getNotice, noticeAttachment, setNoticeStatus, storeNoticeAttachment, type NoticeRecord } from '../store/notices.ts';
import { localDay } from '../time.ts';

export const noticeSendJob = 'notice-send';
export const noticeRemindJob = 'notice-remind';
export const noticeRecallJob = 'notice-recall';
const noticeJob = z.object({ noticeId: z.number().int().positive() });

/** Groups hear notices in Chinese: a group is many people, and the community writes in Chinese. */
const groupLang = 'zh-CN';

/** The message a group gets: the notice as staff wrote it, under a heading, with how to acknowledge. */
export function noticeMessage(notice: Pick<NoticeRecord, 'id' | 'body'>): string {
  return `${t(groupLang, 'notice.heading', { number: notice.id })}\n${notice.body}\n\n${t(groupLang, 'notice.ack-hint')}`;
}

/** Queues a notice for its time; the job id makes a second queueing (a retry, a restart) harmless. */
export async function queueNoticeSend(jobs: JobQueues, notice: { id: number; sendAt: Date }, now: Date): Promise<void> {
  await jobs.add('timers', noticeSendJob, { noticeId: notice.id }, {
    jobId: `notice-send-${notice.id}`,
    delayMs: notice.sendAt.getTime() - now.getTime(),
  });
}

/** A file sent in chat is fetched from its platform once, when the notice goes out, and kept encrypted. */
async function fetchAttachment(deps: BotDeps, notice: NoticeRecord): Promise<void> {
  if (!notice.attachmentRef || (await noticeAttachment(deps.db, deps.cipher, notice.id))) return;
  const channel = deps.channels.get(notice.attachmentRef.platform);
  if (!channel?.readFile) throw new Error(`the file of notice ${notice.id} cannot be read: no ${notice.attachmentRef.platform} channel here`);
  const data = await channel.readFile(notice.attachmentRef.file, maxOutboundFileBytes);
  await storeNoticeAttachment(deps.db, deps.cipher, notice.id, data);
}

/** The areas the author of a notice may reach; undefined for a notice from the command line or community-wide staff. */
async function authorBounds(q: Queryable, notice: NoticeRecord): Promise<number[] | undefined> {
  if (notice.authorPersonId === null) return undefined;
  const scope = await digestScopeOf(q, notice.authorPersonId);
  return scope ? scope.areaIds : [];
}

/**
 * Sends a notice: one delivery row and one outbox message per chat in scope, written in one
 * transaction, so that a crash leaves all or nothing and a second run finds every chat served.
 * The chats are those bound when it goes out; a chat bound later gets no old notice.
 */
export async function sendNotice(deps: BotDeps, data: unknown): Promise<number> {
  const { noticeId } = noticeJob.parse(data);
  const before = await getNotice(deps.db, deps.cipher, noticeId);
  if (!before || before.status !== 'scheduled') return 0;
  await fetchAttachment(deps, before);
  const queued: QueuedSend[] = [];
  const dispatched = await deps.db.transaction(async (tx) => {
    const notice = await getNotice(tx, deps.cipher, noticeId, true);
    if (!notice || notice.status !== 'scheduled') return undefined;
    const { chats } = await chatsInScope(tx, parseNoticeScope(notice.scope), await authorBounds(tx, notice));
    const file = await noticeAttachment(tx, deps.cipher, noticeId);
    const text = noticeMessage(notice);
    const now = deps.clock();
    for (const chat of chats) {
      const inserted = await tx.query<{ id: number }>(
        'INSERT INTO deliveries (notice_id, chat_id) VALUES ($1, $2) ON CONFLICT (notice_id, chat_id) DO NOTHING RETURNING id',
        [noticeId, chat.id],
      );
      const delivery = inserted[0];
      if (!delivery) continue;
      const reply: Reply = { chatId: chat.id, text, ...(file ? { file } : {}), ...(notice.pin ? { pin: true } : {}) };
      const [send] = await writeOutbox(tx, deps.cipher, deps.channels, [reply], now, null);
      if (!send) continue;
      await tx.query('UPDATE deliveries SET outbox_id = $2 WHERE id = $1', [delivery.id, send.outboxId]);
      queued.push(send);
    }
    await setNoticeStatus(tx, noticeId, 'sent');
    return notice;
  });
  await queueSends(deps, queued);
  if (dispatched) {
    await deps.jobs.add('timers', noticeRemindJob, { noticeId }, { jobId: `notice-remind-${noticeId}`, delayMs: dispatched.ackHours * 3_600_000 });
  }
  return queued.length;
}

/**
 * After the acknowledgement time: once per group, the rooms that have not acknowledged, by room
 * number only. A group where every household acknowledged hears nothing.
 */
export async function remindNotice(deps: BotDeps, data: unknown): Promise<number> {
  const { noticeId } = noticeJob.parse(data);
  const queued: QueuedSend[] = [];
  await deps.db.transaction(async (tx) => {
    const notice = await getNotice(tx, deps.cipher, noticeId, true);
    if (!notice || notice.status !== 'sent') return;
    const rows = await tx.query<{ id: number; chat_id: number; area_id: number | null }>(
      `SELECT d.id, d.chat_id, CASE WHEN c.kind = 'staff' THEN NULL ELSE c.area_id END AS area_id FROM deliveries d JOIN chats c ON c.id = d.chat_id JOIN outbox o ON o.id = d.outbox_id
       WHERE d.notice_id = $1 AND d.reminded_at IS NULL AND d.recall_outbox_id IS NULL AND o.status = 'sent'
       ORDER BY d.id FOR UPDATE OF d`,
      [noticeId],
    );
    const day = localDay(notice.dispatchedAt ?? notice.sendAt, deps.timeZone);
    for (const row of rows) {
      const rooms = row.area_id === null ? [] : (await chatHouseholds(tx, noticeId, row.chat_id, row.area_id)).unacknowledgedRooms;
      let outboxId: number | null = null;
      if (rooms.length > 0) {
        const text = t(groupLang, 'notice.reminder', { number: noticeId, day, rooms: rooms.join('、') });
        const [send] = await writeOutbox(tx, deps.cipher, deps.channels, [{ chatId: row.chat_id, text }], deps.clock(), null);
        if (send) {
          queued.push(send);
          outboxId = send.outboxId;
        }
      }
      await tx.query('UPDATE deliveries SET reminded_at = now(), reminder_outbox_id = $2 WHERE id = $1', [row.id, outboxId]);
    }
  });
  await queueSends(deps, queued);
  return queued.length;
}

export type RecallOutcome = { kind: 'recalled'; chats: number } | { kind: 'not-found' } | { kind: 'not-sent'; status: string };

/**
 * Takes a notice back from every chat: Telegram deletes it; WeChat recalls it within its two
 * minutes; where neither can, a correction is posted. Sends not yet made are stopped.
 */
export async function recallNotice(deps: BotDeps, noticeId: number): Promise<RecallOutcome> {
  const queued: QueuedSend[] = [];
  const outcome = await deps.db.transaction(async (tx): Promise<RecallOutcome> => {
    const notice = await getNotice(tx, deps.cipher, noticeId, true);
    if (!notice) return { kind: 'not-found' };
    if (notice.status !== 'sent') return { kind: 'not-sent', status: notice.status };
    const rows = await tx.query<{ id: number; chat_id: number; outbox_id: number; status: string; platform: string; platform_message_id: string | null; sent_at: Date | null }>(
      `SELECT d.id, d.chat_id, o.id AS outbox_id, o.status, o.platform, o.platform_message_id, o.sent_at
       FROM deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE d.notice_id = $1 AND d.recall_outbox_id IS NULL
       ORDER BY d.id FOR UPDATE OF d, o`,
      [noticeId],
    );
    const now = deps.clock();
    const text = t(groupLang, 'notice.correction', { number: noticeId });
    let chats = 0;
    for (const row of rows) {
      if (row.status === 'pending') {
        await tx.query(`UPDATE outbox SET status = 'failed', last_error = 'the notice was recalled before it was sent' WHERE id = $1`, [row.outbox_id]);
        continue;
      }
      if (row.status !== 'sent') continue;
      const tooLate = row.platform === wechatPlatform && row.sent_at !== null && now.getTime() - row.sent_at.getTime() > wechatRecallWindowMs;
      // Without the platform's id of the message (or its time past) only a correction can be said.
      const recallOf = tooLate || row.platform_message_id === null ? {} : { recallOf: row.platform_message_id };
      const reply: Reply = { chatId: row.chat_id, text, ...recallOf };
      const [send] = await writeOutbox(tx, deps.cipher, deps.channels, [reply], now, null);
      if (!send) continue;
      await tx.query('UPDATE deliveries SET recall_outbox_id = $2 WHERE id = $1', [row.id, send.outboxId]);
      queued.push(send);
      chats += 1;
    }
    await setNoticeStatus(tx, noticeId, 'recalled');
    return { kind: 'recalled', chats };
  });
  await queueSends(deps, queued);
  return outcome;
}

/** The job of a recall asked for in chat. */
export async function runNoticeRecall(deps: BotDeps, data: unknown): Promise<RecallOutcome> {
  return recallNotice(deps, noticeJob.parse(data).noticeId);
}

/** Cancels a notice that has not gone out; its queued job finds it cancelled and does nothing. */
export async function cancelNotice(q: Queryable, noticeId: number): Promise<'cancelled' | 'not-found' | 'already-sent'> {
  const rows = await q.query<{ status: string }>('SELECT status FROM notices WHERE id = $1 FOR UPDATE', [noticeId]);
  const row = rows[0];
  if (!row) return 'not-found';
  if (row.status !== 'scheduled') return 'already-sent';
  await setNoticeStatus(q, noticeId, 'cancelled');
  return 'cancelled';
}
