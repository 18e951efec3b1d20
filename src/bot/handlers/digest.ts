import { normalize } from '../../dialogs/answers/index.ts';
import { t } from '../../dialogs/messages/index.ts';
import { digestMessages } from '../../reports/digest-messages.ts';
import { peopleInReport, staffDigestReport } from '../../reports/staff-digest.ts';
import { auditDigestRead } from '../../store/digest-audit.ts';
import { staffOf } from '../../store/staff.ts';
import type { HandlerContext } from '../handler.ts';
import type { RouteRule } from '../router.ts';

const digestWords = /^(?:日报|今日日报|今天日报|每日简报|简报|\/digest(?:@\S+)?|digest|daily digest)$/i;
const trailingPunctuation = /[\s!！?？。.~～]+$/u;

export const isDigestRequest = (text: string): boolean => digestWords.test(normalize(text).replace(trailingPunctuation, ''));

/** 日报 or /digest from a staff member in a private chat: today's digest so far, over their scope, with its workbook (and chart). */
export async function handleDigest(context: HandlerContext): Promise<void> {
  const { tx, cipher, message } = context;
  if (message.chat.kind !== 'private') {
    context.reply(t(context.lang, 'digest.privateOnly'));
    return;
  }
  const report = await staffDigestReport(tx, cipher, {
    personId: message.account.personId,
    day: context.today,
    timeZone: context.timeZone,
    now: context.now,
  });
  if (!report) return;
  await auditDigestRead(tx, { staffPersonId: message.account.personId, via: 'chat', day: report.digest.day, people: peopleInReport(report) });
  for (const reply of await digestMessages(report, context.lang, context.timeZone, context.log)) {
    context.say({ chatId: message.chat.id, toAccountId: message.account.accountId, ...reply });
  }
}

/**
 * Only staff have a digest: from anyone else 日报 is an ordinary message and gets the ordinary
 * answer. In a group it is taken only as a command (slash or mention), and answered privately.
 */
export const digestRule: RouteRule = {
  route: 'command',
  async matches(context) {
    const { message } = context;
    if (!isDigestRequest(message.text)) return false;
    if (message.chat.kind !== 'private' && !message.text.trim().startsWith('/') && !message.mentionsBot) return false;
    return (await staffOf(context.tx, message.account.personId)).length > 0;
  },
  handle: handleDigest,
};
