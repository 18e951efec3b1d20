import { t } from '../dialogs/messages/index.ts';
import type { NoticeStatusReport } from '../store/notice-status.ts';
import type { NoticeRecord } from '../store/notices.ts';
import { localMinute } from '../time.ts';

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** A notice's status as staff read it in chat or in the terminal: the totals, then each chat, the lowest first. */
export function noticeStatusText(notice: NoticeRecord, report: NoticeStatusReport, lang: string, timeZone: string): string {
  if (notice.status === 'scheduled') return t(lang, 'notice.status.scheduled', { number: notice.id, at: localMinute(notice.sendAt, timeZone) });
  if (notice.status === 'cancelled') return t(lang, 'notice.status.cancelled', { number: notice.id });
  const title = t(lang, 'notice.status.title', {
    number: notice.id,
    delivered: report.delivered,
    pending: report.pending,
    failed: report.failed,
    acked: report.acknowledgedHouseholds,
    households: report.households,
    rate: percent(report.ackRate),
  });
  const lines = report.chats.map((chat) => {
    const status =
      chat.status === 'failed' ? t(lang, 'notice.status.failed', { reason: chat.reason ?? '' }) : t(lang, `notice.status.${chat.status}`);
    const pin = chat.pinned === false ? t(lang, 'notice.status.not-pinned') : '';
    return (
      t(lang, 'notice.status.line', {
        chat: chat.chat,
        place: chat.place,
        status,
        acked: chat.acknowledgedHouseholds,
        households: chat.households,
        ackedPersons: chat.acknowledgedPersons,
        persons: chat.persons,
      }) + pin
    );
  });
  const recalled = notice.status === 'recalled' ? ` ${t(lang, 'notice.status.recalled')}` : '';
  return [title + recalled, ...lines].join('\n');
}
