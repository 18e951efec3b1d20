import type { BotDeps } from '../bot/deps.ts';
import type { HandledMessage } from '../bot/handler.ts';
import { t } from '../dialogs/messages/index.ts';
import { digestMessages } from '../reports/digest-messages.ts';
import { peopleInReport, staffDigestReport } from '../reports/staff-digest.ts';
import { auditDigestRead } from '../store/digest-audit.ts';
import type { Finish, FollowupWork } from './followups.ts';

/**
 * 日报 from a staff member: the day's digest so far is read in a short transaction, drawn (the
 * workbook and the chart) outside any, then sent and audited with the follow-up's end.
 */
export const digestRequestWork: FollowupWork = {
  async prepare(deps: BotDeps, _data: unknown, message: HandledMessage, today: string): Promise<Finish> {
    const request = { personId: message.account.personId, day: today, timeZone: deps.timeZone, now: deps.clock() };
    const report = await deps.db.transaction((tx) => staffDigestReport(tx, deps.cipher, request));
    if (!report) return async () => undefined;
    const messages = await digestMessages(report, message.account.lang, deps.timeZone, deps.log.child({ inboundId: message.id }));
    return async (context) => {
      await auditDigestRead(context.tx, { staffPersonId: message.account.personId, via: 'chat', day: report.digest.day, people: peopleInReport(report) });
      for (const reply of messages) context.say({ chatId: message.chat.id, toAccountId: message.account.accountId, ...reply });
    };
  },
  giveUp(): Finish {
    return async (context) => context.reply(t(context.lang, 'error.sorry'));
  },
};
