import type { Queryable } from './db.ts';
import { maskText } from '../privacy/index.ts';
import { chatHouseholds, type ChatHouseholds } from './notice-households.ts';

export type DeliveryStatus = 'delivered' | 'pending' | 'failed';

export interface ChatNoticeStatus {
  chatId: number;
  areaId: number | null;
  chat: string;
  place: string;
  status: DeliveryStatus;
  reason: string | null;
  households: number;
  acknowledgedHouseholds: number;
  persons: number;
  acknowledgedPersons: number;
  /** Telegram: whether the notice is pinned there; null where no pin was asked. */
  pinned: boolean | null;
  recall: 'deleted' | 'corrected' | 'pending' | null;
  unacknowledgedRooms: string[];
}

/** A notice's reach, exactly as `linli notice status N --json` prints it (pinned and recall are extra). */
export interface NoticeStatusReport {
  notice: number;
  delivered: number;
  pending: number;
  failed: number;
  households: number;
  acknowledgedHouseholds: number;
  ackRate: number;
  chats: ChatNoticeStatus[];
}

interface DeliveryRow extends Record<string, unknown> {
  chat_id: number;
  kind: string;
  title: string | null;
  platform_chat_id: string;
  area_id: number | null;
  place: string | null;
  outbox_status: string | null;
  last_error: string | null;
  pin: boolean | null;
  pinned: boolean | null;
  recall_status: string | null;
  recalled: boolean | null;
}

async function staffChatCounts(q: Queryable, noticeId: number, chatId: number): Promise<ChatHouseholds> {
  const rows = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM acknowledgements WHERE notice_id = $1 AND chat_id = $2', [noticeId, chatId]);
  const acknowledged = rows[0]?.n ?? 0;
  return { households: 0, acknowledgedHouseholds: 0, persons: acknowledged, acknowledgedPersons: acknowledged, unacknowledgedRooms: [], roomIds: [], acknowledgedRoomIds: [] };
}

function deliveryStatus(outboxStatus: string | null): DeliveryStatus {
  if (outboxStatus === 'sent') return 'delivered';
  if (outboxStatus === 'failed' || outboxStatus === 'uncertain') return 'failed';
  return 'pending';
}

const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);

/** Per chat: delivered or not (and why), households and persons acknowledged; the lowest groups first. */
export async function noticeStatus(q: Queryable, noticeId: number): Promise<NoticeStatusReport> {
  const rows = await q.query<DeliveryRow>(
    `WITH RECURSIVE up AS (
       SELECT c.id AS chat_id, a.id, a.parent_id, a.kind, a.name, 0 AS depth
       FROM deliveries d JOIN chats c ON c.id = d.chat_id JOIN areas a ON a.id = c.area_id WHERE d.notice_id = $1
       UNION ALL
       SELECT up.chat_id, a.id, a.parent_id, a.kind, a.name, up.depth + 1 FROM areas a JOIN up ON a.id = up.parent_id
     ),
     places AS (
       SELECT chat_id, coalesce(string_agg(name, '/' ORDER BY depth DESC) FILTER (WHERE kind <> 'community'), max(name) FILTER (WHERE kind = 'community')) AS place
       FROM up GROUP BY chat_id
     )
     SELECT d.chat_id, c.kind, c.title, c.platform_chat_id, c.area_id, p.place, o.status AS outbox_status, o.last_error, o.pin, o.pinned,
            r.status AS recall_status, r.recalled
     FROM deliveries d JOIN chats c ON c.id = d.chat_id
     LEFT JOIN outbox o ON o.id = d.outbox_id
     LEFT JOIN outbox r ON r.id = d.recall_outbox_id
     LEFT JOIN places p ON p.chat_id = d.chat_id
     WHERE d.notice_id = $1 ORDER BY d.id`,
    [noticeId],
  );
  const chats: ChatNoticeStatus[] = [];
  const rooms = new Set<number>();
  const acknowledgedRooms = new Set<number>();
  for (const row of rows) {
    const status = deliveryStatus(row.outbox_status);
    // A staff group serves the staff, not households.
    const { roomIds, acknowledgedRoomIds, ...counts } =
      row.area_id === null || row.kind === 'staff'
        ? await staffChatCounts(q, noticeId, row.chat_id)
        : await chatHouseholds(q, noticeId, row.chat_id, row.area_id);
    for (const id of roomIds) rooms.add(id);
    for (const id of acknowledgedRoomIds) acknowledgedRooms.add(id);
    chats.push({
      chatId: row.chat_id,
      areaId: row.area_id,
      chat: row.title ?? row.platform_chat_id,
      place: row.place ?? '',
      status,
      reason: status === 'failed' ? maskText(row.last_error ?? 'unknown').slice(0, 300) : null,
      ...counts,
      pinned: row.pin ? (row.pinned ?? null) : null,
      recall:
        row.recall_status === null ? null : row.recall_status !== 'sent' ? 'pending' : row.recalled === true ? 'deleted' : 'corrected',
    });
  }
  chats.sort(
    (a, b) => rate(a.acknowledgedHouseholds, a.households) - rate(b.acknowledgedHouseholds, b.households) || a.chat.localeCompare(b.chat),
  );
  const households = rooms.size;
  const acknowledgedHouseholds = acknowledgedRooms.size;
  return {
    notice: noticeId,
    delivered: chats.filter((chat) => chat.status === 'delivered').length,
    pending: chats.filter((chat) => chat.status === 'pending').length,
    failed: chats.filter((chat) => chat.status === 'failed').length,
    households,
    acknowledgedHouseholds,
    ackRate: rate(acknowledgedHouseholds, households),
    chats,
  };
}

/** The JSON of `notice status --json`: the keys the issue names, in its order, and no others. */
export function statusJson(report: NoticeStatusReport): Record<string, unknown> {
  return {
    notice: report.notice,
    delivered: report.delivered,
    pending: report.pending,
    failed: report.failed,
    households: report.households,
    acknowledgedHouseholds: report.acknowledgedHouseholds,
    ackRate: report.ackRate,
    chats: report.chats.map((chat) => ({
      chat: chat.chat,
      place: chat.place,
      status: chat.status,
      reason: chat.reason,
      households: chat.households,
      acknowledgedHouseholds: chat.acknowledgedHouseholds,
      persons: chat.persons,
      acknowledgedPersons: chat.acknowledgedPersons,
    })),
  };
}
