import type ExcelJS from 'exceljs';
import { t } from '../dialogs/messages/index.ts';
import type { FieldCipher } from '../privacy/index.ts';
import type { Queryable } from '../store/db.ts';
import type { DigestWindow } from '../store/digest-rows.ts';
import { noticeStatus, type ChatNoticeStatus } from '../store/notice-status.ts';
import { idRanges } from '../store/digest-scope.ts';

/** A notice as the staff digest shows it: how much of the scope acknowledged it, and its lowest groups. */
export interface NoticeDigest {
  id: number;
  title: string;
  households: number;
  acknowledgedHouseholds: number;
  ackRate: number;
  /** The chats in the staff member's scope, the lowest rate first. */
  chats: ChatNoticeStatus[];
}

/** The notices of the last week (to the digest's day) that reached the scope. */
const recentDays = 7;
/** Groups named in the digest's text per notice; the workbook has them all. */
const lowestShown = 3;

const rateOf = (chat: Pick<ChatNoticeStatus, 'households' | 'acknowledgedHouseholds'>) =>
  chat.households === 0 ? 0 : chat.acknowledgedHouseholds / chat.households;

export async function noticesForDigest(q: Queryable, cipher: FieldCipher, areaIds: readonly number[], window: DigestWindow): Promise<NoticeDigest[]> {
  const rows = await q.query<{ id: number; body_enc: string }>(
    `SELECT n.id, n.body_enc
     FROM notices n JOIN deliveries d ON d.notice_id = n.id JOIN chats c ON c.id = d.chat_id
     WHERE n.status = 'sent' AND n.dispatched_at < $2 AND n.dispatched_at >= $2 - make_interval(days => $3)
       AND c.area_id <@ $1::int8multirange
     GROUP BY n.id, n.body_enc ORDER BY n.id DESC`,
    // The scope as ranges of ids: a community's hundreds of thousands of areas, sent and planned in a moment.
    [idRanges(areaIds), window.end, recentDays],
  );
  const notices: NoticeDigest[] = [];
  const inScope = new Set(rows.length > 0 ? areaIds : []);
  for (const row of rows) {
    const chats = (await noticeStatus(q, row.id)).chats.filter((chat) => chat.areaId !== null && inScope.has(chat.areaId));
    const households = chats.reduce((sum, chat) => sum + chat.households, 0);
    const acknowledgedHouseholds = chats.reduce((sum, chat) => sum + chat.acknowledgedHouseholds, 0);
    notices.push({
      id: row.id,
      title: [...(cipher.decrypt(row.body_enc).split('\n')[0] ?? '')].slice(0, 30).join(''),
      households,
      acknowledgedHouseholds,
      ackRate: households === 0 ? 0 : acknowledgedHouseholds / households,
      chats: chats.filter((chat) => chat.households > 0).sort((a, b) => rateOf(a) - rateOf(b)).concat(chats.filter((chat) => chat.households === 0)),
    });
  }
  return notices;
}

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** The digest's lines on notices: each one's rate and its lowest groups; nothing when there were none. */
export function noticesSection(notices: readonly NoticeDigest[], lang: string): string[] {
  if (notices.length === 0) return [];
  const lines = [t(lang, 'digest.notices', { count: notices.length })];
  for (const notice of notices) {
    const lowest = notice.chats
      .filter((chat) => chat.households > 0)
      .slice(0, lowestShown)
      .map((chat) => t(lang, 'digest.notices.group', { chat: chat.chat, acked: chat.acknowledgedHouseholds, households: chat.households }));
    lines.push(
      t(lang, 'digest.notices.line', {
        number: notice.id,
        title: notice.title,
        acked: notice.acknowledgedHouseholds,
        households: notice.households,
        rate: percent(notice.ackRate),
      }) + (lowest.length > 0 ? t(lang, 'digest.notices.lowest', { groups: lowest.join('、') }) : ''),
    );
  }
  return lines;
}

/** A sheet per notice in the digest's workbook: every chat of the scope, and the rooms that have not acknowledged. */
export function addNoticeSheets(workbook: ExcelJS.Workbook, notices: readonly NoticeDigest[], lang: string): void {
  for (const notice of notices) {
    const sheet = workbook.addWorksheet(t(lang, 'digest.notices.sheet', { number: notice.id }), { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = ['chat', 'place', 'status', 'households', 'acknowledgedHouseholds', 'persons', 'acknowledgedPersons', 'rooms'] as const;
    sheet.columns = header.map((key) => ({ header: t(lang, `digest.notices.col.${key}`), width: key === 'rooms' ? 40 : 16 }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRows(
      notice.chats.map((chat) => [
        chat.chat,
        chat.place,
        t(lang, `notice.status.${chat.status}`, { reason: chat.reason ?? '' }),
        chat.households,
        chat.acknowledgedHouseholds,
        chat.persons,
        chat.acknowledgedPersons,
        chat.unacknowledgedRooms.join('、') || null,
      ]),
    );
  }
}
