import { z } from 'zod';
import { inboundFileSchema, type InboundFile, type OutboundFile } from '../bot/message.ts';
import { type FieldCipher, maskText } from '../privacy/index.ts';
import { maybeOne, one, type Queryable } from './db.ts';

export const noticeStatuses = ['scheduled', 'sending', 'sent', 'cancelled', 'recalled'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

/** Hours after which the groups are told the rooms that have not acknowledged, unless a notice says otherwise. */
export const defaultAckHours = 12;

export interface NewNotice {
  communityId: number;
  body: string;
  scope: string;
  sendAt: Date;
  ackHours: number;
  pin: boolean;
  authorPersonId: number | null;
  authorStaffId: number | null;
  /** A file read from disk (the command line). */
  attachment?: OutboundFile;
  /** A file sent in chat: fetched from its platform when the notice goes out. */
  attachmentRef?: { platform: string; file: InboundFile };
}

export interface NoticeRecord {
  id: number;
  communityId: number;
  body: string;
  scope: string;
  status: NoticeStatus;
  sendAt: Date;
  ackHours: number;
  pin: boolean;
  authorPersonId: number | null;
  attachmentName: string | null;
  attachmentRef: { platform: string; file: InboundFile } | null;
  dispatchedAt: Date | null;
  createdAt: Date;
}

interface NoticeRow extends Record<string, unknown> {
  id: number;
  community_id: number;
  body_enc: string;
  scope: string;
  status: NoticeStatus;
  send_at: Date;
  ack_hours: number;
  pin: boolean;
  author_person_id: number | null;
  attachment_name: string | null;
  attachment_ref: unknown;
  attachment_platform: string | null;
  dispatched_at: Date | null;
  created_at: Date;
}

const noticeColumns = `id, community_id, body_enc, scope, status, send_at, ack_hours, pin, author_person_id, attachment_name,
  attachment_ref, attachment_platform, dispatched_at, created_at`;

function toRecord(cipher: FieldCipher, row: NoticeRow): NoticeRecord {
  const ref = inboundFileSchema.safeParse(row.attachment_ref);
  return {
    id: row.id,
    communityId: row.community_id,
    body: cipher.decrypt(row.body_enc),
    scope: row.scope,
    status: row.status,
    sendAt: row.send_at,
    ackHours: row.ack_hours,
    pin: row.pin,
    authorPersonId: row.author_person_id,
    attachmentName: row.attachment_name,
    attachmentRef: ref.success && row.attachment_platform ? { platform: row.attachment_platform, file: ref.data } : null,
    dispatchedAt: row.dispatched_at,
    createdAt: row.created_at,
  };
}

/** Stores a notice to send at its time; its text and file are kept encrypted. */
export async function createNotice(q: Queryable, cipher: FieldCipher, notice: NewNotice): Promise<number> {
  const file = notice.attachment;
  const ref = notice.attachmentRef;
  const row = await one<{ id: number }>(
    q,
    `INSERT INTO notices (community_id, author_staff_id, author_person_id, body, body_enc, scope, send_at, ack_hours, pin,
                          attachment_name, attachment_mime_type, attachment_enc, attachment_ref, attachment_platform)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      notice.communityId,
      notice.authorStaffId,
      notice.authorPersonId,
      maskText(notice.body),
      cipher.encrypt(notice.body),
      notice.scope,
      notice.sendAt,
      notice.ackHours,
      notice.pin,
      maskText(file?.name ?? ref?.file.name ?? '') || null,
      file?.mimeType ?? ref?.file.mimeType ?? null,
      file ? cipher.encrypt(Buffer.from(file.data).toString('base64')) : null,
      ref ? JSON.stringify(ref.file) : null,
      ref?.platform ?? null,
    ],
  );
  return row.id;
}

export async function getNotice(q: Queryable, cipher: FieldCipher, id: number, lock = false): Promise<NoticeRecord | undefined> {
  const row = await maybeOne<NoticeRow>(q, `SELECT ${noticeColumns} FROM notices WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return row ? toRecord(cipher, row) : undefined;
}

/** The newest notices first; within `communityIds` when given. */
export async function listNotices(q: Queryable, cipher: FieldCipher, options: { limit?: number; communityIds?: readonly number[] } = {}): Promise<NoticeRecord[]> {
  const rows = await q.query<NoticeRow>(
    `SELECT ${noticeColumns} FROM notices WHERE ($1::bigint[] IS NULL OR community_id = ANY($1::bigint[]))
     ORDER BY id DESC LIMIT $2`,
    [options.communityIds ?? null, options.limit ?? 50],
  );
  return rows.map((row) => toRecord(cipher, row));
}

/** The file of a notice, decrypted, once it is stored (a file from chat is stored when fetched). */
export async function noticeAttachment(q: Queryable, cipher: FieldCipher, id: number): Promise<OutboundFile | undefined> {
  const row = await maybeOne<{ attachment_name: string | null; attachment_mime_type: string | null; attachment_enc: string | null }>(
    q,
    'SELECT attachment_name, attachment_mime_type, attachment_enc FROM notices WHERE id = $1',
    [id],
  );
  if (!row?.attachment_enc || !row.attachment_name) return undefined;
  return {
    name: row.attachment_name,
    mimeType: row.attachment_mime_type ?? 'application/octet-stream',
    data: new Uint8Array(Buffer.from(cipher.decrypt(row.attachment_enc), 'base64')),
  };
}

export async function storeNoticeAttachment(q: Queryable, cipher: FieldCipher, id: number, data: Uint8Array): Promise<void> {
  await q.query('UPDATE notices SET attachment_enc = $2 WHERE id = $1', [id, cipher.encrypt(Buffer.from(data).toString('base64'))]);
}

export async function setNoticeStatus(q: Queryable, id: number, status: NoticeStatus): Promise<void> {
  const stamp = status === 'cancelled' ? ', cancelled_at = now()' : status === 'recalled' ? ', recalled_at = now()' : status === 'sent' ? ', dispatched_at = now()' : '';
  await q.query(`UPDATE notices SET status = $2${stamp} WHERE id = $1`, [id, status]);
}

export const noticeIdSchema = z.coerce.number().int().positive();
