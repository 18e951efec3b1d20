import { normalize } from '../../../dialogs/answers/index.ts';
import { t } from '../../../dialogs/messages/index.ts';
import { noticeRecallJob } from '../../../jobs/notices.ts';
import { noticeStatusText } from '../../../reports/notice-status-text.ts';
import { digestScopeOf } from '../../../store/digest-scope.ts';
import { latestNoticesFor } from '../../../store/notice-latest.ts';
import { noticeStatus } from '../../../store/notice-status.ts';
import { readAsStaffMember } from '../../../store/staff-reads.ts';
import { getNotice, type NoticeRecord } from '../../../store/notices.ts';
import { localDay } from '../../../time.ts';
import { trailingPunctuation } from '../../command.ts';
import type { HandlerContext } from '../../handler.ts';
import type { RouteRule } from '../../router.ts';

type NoticeCommand = { kind: 'status' | 'recall'; number: number | null } | { kind: 'latest' };

const statusForm = /^(?:\/notice(?:@\S+)?\s+status|通知情况|通知状态)\s*#?\s*(\d+)?$/i;
const recallForm = /^(?:\/notice(?:@\S+)?\s+recall|撤回通知)\s*#?\s*(\d+)?$/i;
const latestForm = /^(?:最新通知|最近通知|\/notices(?:@\S+)?|latest notices)$/i;

export function readNoticeCommand(text: string): NoticeCommand | undefined {
  const bare = normalize(text).replace(trailingPunctuation, '');
  if (latestForm.test(bare)) return { kind: 'latest' };
  const status = statusForm.exec(bare);
  if (status) return { kind: 'status', number: status[1] ? Number(status[1]) : null };
  const recall = recallForm.exec(bare);
  if (recall) return { kind: 'recall', number: recall[1] ? Number(recall[1]) : null };
  return undefined;
}

/** The staff member's areas; undefined for someone who is not staff. */
async function staffAreas(context: HandlerContext): Promise<Set<number> | undefined> {
  const scope = await digestScopeOf(context.tx, context.message.account.personId);
  return scope ? new Set(scope.areaIds) : undefined;
}

/** Whether a staff member may see or recall a notice: theirs, or one that reached a chat in their scope. */
async function mayHandle(context: HandlerContext, noticeId: number, areas: Set<number>): Promise<boolean> {
  const rows = await context.tx.query<{ area_id: number | null; author_person_id: number | null }>(
    `SELECT c.area_id, n.author_person_id FROM notices n LEFT JOIN deliveries d ON d.notice_id = n.id LEFT JOIN chats c ON c.id = d.chat_id
     WHERE n.id = $1`,
    [noticeId],
  );
  return rows.some((row) => row.author_person_id === context.message.account.personId || (row.area_id !== null && areas.has(row.area_id)));
}

/** The notice, where the staff member may see it; else they are told there is none. */
async function visibleNotice(context: HandlerContext, number: number): Promise<NoticeRecord | undefined> {
  const notice = await getNotice(context.tx, context.cipher, number);
  const areas = await staffAreas(context);
  if (notice && areas && (await mayHandle(context, number, areas))) return notice;
  context.reply(t(context.lang, 'notice.status.not-found', { number }));
  return undefined;
}

async function status(context: HandlerContext, number: number): Promise<void> {
  const notice = await visibleNotice(context, number);
  if (!notice) return;
  const report = await readAsStaffMember(context.tx, context.message.account.personId, (staffQ) => noticeStatus(staffQ, number));
  context.reply(noticeStatusText(notice, report, context.lang, context.timeZone));
}

async function recall(context: HandlerContext, number: number): Promise<void> {
  const notice = await visibleNotice(context, number);
  if (!notice) return;
  if (notice.status !== 'sent') {
    context.reply(t(context.lang, 'notice.recall.not-sent', { number, status: notice.status }));
    return;
  }
  const chats = await context.tx.query<{ n: number }>('SELECT count(*)::int AS n FROM deliveries WHERE notice_id = $1', [number]);
  // Recalling writes to every chat's outbox and reaches the platforms: a job does it.
  context.later({ name: noticeRecallJob, data: { noticeId: number }, jobId: `notice-recall-${number}`, delayMs: 0 });
  context.reply(t(context.lang, 'notice.recall.done', { number, chats: chats[0]?.n ?? 0 }));
}

/** 最新通知: the notices that reached the person's group (in a group) or their home's groups (privately). */
async function latest(context: HandlerContext): Promise<void> {
  const { chat, account } = context.message;
  const notices = await latestNoticesFor(context.tx, context.cipher, chat.kind === 'private' ? { personId: account.personId } : { chatId: chat.id });
  if (notices.length === 0) {
    context.reply(t(context.lang, 'notice.latest.none'));
    return;
  }
  const items = notices.map((notice) =>
    t(context.lang, 'notice.latest.item', { number: notice.id, day: localDay(notice.sentAt, context.timeZone), body: notice.body }),
  );
  context.reply([t(context.lang, 'notice.latest.title'), ...items].join('\n\n'));
}

const commands = new WeakMap<HandlerContext, NoticeCommand>();

/** Staff's 通知情况 N and 撤回通知 N (privately); anyone's 最新通知 (in a group or privately). */
export const noticeCommandRule: RouteRule = {
  route: 'command',
  matches(context) {
    const command = readNoticeCommand(context.message.text);
    if (!command) return false;
    commands.set(context, command);
    return true;
  },
  async handle(context) {
    const command = commands.get(context) ?? readNoticeCommand(context.message.text);
    if (!command) return;
    if (command.kind === 'latest') return latest(context);
    if (context.message.chat.kind !== 'private') {
      context.reply(t(context.lang, 'notice.private-only'));
      return;
    }
    if (command.number === null) {
      context.reply(t(context.lang, 'notice.status.usage'));
      return;
    }
    if (command.kind === 'status') await status(context, command.number);
    else await recall(context, command.number);
  },
};
