import { formatAnswer } from '../../dialogs/answer-kinds.ts';
import { loadForm } from '../../dialogs/form.ts';
import { normalize } from '../../dialogs/answers/index.ts';
import { isLang, t } from '../../dialogs/messages/index.ts';
import { maskText } from '../../privacy/index.ts';
import { latestReports } from '../../store/reports.ts';
import type { HandlerContext } from '../handler.ts';
import type { RouteRule } from '../router.ts';
import { registrationFormId } from './registration/engine-context.ts';
import { campaignAnswerLines } from './me-campaigns.ts';

const meWords = /^(?:我的信息|我的登记|查看登记|\/me(?:@\S+)?|my info|my information)$/i;
const day = (date: Date) => date.toISOString().slice(0, 10);

/** 我的信息: the resident's own registration, masked, with the family members they registered. */
export async function handleMe(context: HandlerContext): Promise<void> {
  const lang = isLang(context.lang) ? context.lang : 'zh-CN';
  const form = loadForm(registrationFormId);
  const personId = context.message.account.personId;
  const family = await context.tx.query<{ person_id: number }>(
    `SELECT DISTINCT person_id FROM occupancies WHERE household_id = $1 AND person_id <> $1 AND until IS NULL`,
    [personId],
  );
  const reports = await latestReports(context.tx, context.cipher, registrationFormId, [personId, ...family.map((f) => f.person_id)]);
  const own = reports.find((r) => r.personId === personId);
  const campaigns = await campaignAnswerLines(context.tx, context.cipher, personId, context.today, lang);
  if (!own && campaigns.length === 0) {
    context.reply(t(lang, 'me.none'));
    return;
  }
  if (!own) {
    context.reply([...campaigns, t(lang, 'me.update')].join('\n'));
    return;
  }
  const lines = [t(lang, 'me.title', { date: day(own.createdAt) })];
  let number = 0;
  for (const question of form.questions) {
    if (question.kind === 'consent' || !(question.id in own.answers)) continue;
    number += 1;
    // Free text (其他情况, a room) may hold a number typed in full: masked like every other place it is shown.
    lines.push(`${number}. ${question.label[lang]}：${maskText(formatAnswer(question, own.answers[question.id] ?? null, lang))}`);
  }
  for (const member of reports.filter((r) => r.personId !== personId)) {
    lines.push(t(lang, 'me.member', { name: maskText(String(member.answers['name'] ?? '')), date: day(member.createdAt) }));
  }
  lines.push(...campaigns, t(lang, 'me.update'));
  context.reply(lines.join('\n'));
}

export const meRule: RouteRule = {
  route: 'command',
  matches: (context) => context.message.chat.kind === 'private' && meWords.test(normalize(context.message.text)),
  handle: handleMe,
};
