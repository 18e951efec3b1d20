import { normalize, readSendTime } from '../../../dialogs/answers/index.ts';
import { reasonText } from '../../../dialogs/answers/reasons.ts';
import type { JsonValue } from '../../../dialogs/answer-kinds.ts';
import { parseControl } from '../../../dialogs/control-words.ts';
import { stepDialog, type EngineContext } from '../../../dialogs/engine.ts';
import { loadForm } from '../../../dialogs/form.ts';
import { isLang, t } from '../../../dialogs/messages/index.ts';
import { questionById } from '../../../dialogs/progress.ts';
import type { DialogState } from '../../../dialogs/state.ts';
import type { StoredSession } from '../../../store/dialog-sessions.ts';
import { digestScopeOf } from '../../../store/digest-scope.ts';
import { checkNoticeScope, communityOfArea, type ScopedChat } from '../../../store/notice-scope.ts';
import { createNotice, defaultAckHours } from '../../../store/notices.ts';
import { recordRefusal } from '../../../store/audit.ts';
import { staffOf } from '../../../store/staff.ts';
import { localInstant, localMinute } from '../../../time.ts';
import { noticeSendJob } from '../../../jobs/notices.ts';
import { inboundFileSchema, type InboundFile } from '../../message.ts';
import type { HandlerContext } from '../../handler.ts';
import type { RouteRule } from '../../router.ts';
import { continueStaffDialog, openStaffDialog, staffDialogRule } from '../staff-dialog.ts';
import { chatLabel, previewText } from './preview.ts';
import { trailingPunctuation } from '../../command.ts';

export const noticeFormId = 'notice';

const startWords = /^(?:发布通知|发通知|发送通知|\/notice(?:@\S+)?|send notice)$/i;
/** Slash commands that steer a form; any other slash command is for the other rules. */
const noneWords = /^(?:无|没有|不用|不需要|none|no|-)$/i;
/** What an unanswered optional step means: no file, now, the default hours, no pin. */
const defaults: Record<string, string> = { attachment: '无', sendAt: '现在', ackHours: String(defaultAckHours), pin: '否' };
const attachable = /\.(?:png|jpe?g|gif|webp|pdf)$/i;

export const isNoticeStart = (text: string) => startWords.test(normalize(text).replace(trailingPunctuation, ''));

function engineContext(context: HandlerContext): EngineContext {
  return { form: loadForm(noticeFormId), params: {}, today: context.today, lang: isLang(context.lang) ? context.lang : 'zh-CN' };
}

const str = (value: JsonValue | undefined) => (typeof value === 'string' ? value : '');

/** When the notice goes, from the stored answer: 'now' or 'YYYY-MM-DD HH:mm' in the community's time. */
function sendAtOf(context: HandlerContext, answers: Record<string, JsonValue>): Date {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})$/.exec(str(answers['sendAt']));
  if (!match?.[1]) return context.now;
  return localInstant(match[1], Number(match[2]), Number(match[3]), context.timeZone);
}

async function staffAreas(context: HandlerContext): Promise<number[]> {
  return (await digestScopeOf(context.tx, context.message.account.personId))?.areaIds ?? [];
}

async function scopeChats(context: HandlerContext, scope: string): Promise<ScopedChat[] | string> {
  const check = await checkNoticeScope(context.tx, scope, await staffAreas(context));
  if (check.ok) return check.chats;
  if (check.kind === 'unreadable') return t(context.lang, 'notice.scope.problem', { problem: check.problem });
  if (check.kind === 'empty') return t(context.lang, 'notice.scope.empty');
  const labels: string[] = [];
  for (const chat of check.chats.slice(0, 10)) labels.push(await chatLabel(context.tx, chat));
  return t(context.lang, 'notice.scope.outside', { chats: labels.join('、') });
}

type Prepared = { kind: 'answer'; text: string; file?: InboundFile } | { kind: 'refuse'; reply: string };

/**
 * What the engine is given for a step. The engine reads text; a file, a scope and a time are
 * checked here first (they need the store and the clock), and a skipped step takes its default,
 * so that every item keeps its number in the preview.
 */
async function prepare(context: HandlerContext, questionId: string | undefined, text: string): Promise<Prepared> {
  const control = parseControl(text);
  const file = context.message.files[0];
  if (questionId === 'attachment' && file) {
    if (!attachable.test(file.name) && !/^(?:image\/|application\/pdf)/.test(file.mimeType ?? '')) {
      return { kind: 'refuse', reply: t(context.lang, 'notice.attachment.wrong') };
    }
    return { kind: 'answer', text: file.name, file };
  }
  if (file) return { kind: 'refuse', reply: t(context.lang, 'notice.attachment.ask-file') };
  const fallback = questionId !== undefined ? defaults[questionId] : undefined;
  if (fallback !== undefined && (control?.kind === 'skip' || noneWords.test(normalize(text)))) return { kind: 'answer', text: fallback };
  if (control) return { kind: 'answer', text };
  if (questionId === 'attachment') return { kind: 'refuse', reply: t(context.lang, 'notice.attachment.ask-file') };
  if (questionId === 'scope') {
    const chats = await scopeChats(context, text);
    return typeof chats === 'string' ? { kind: 'refuse', reply: chats } : { kind: 'answer', text: normalize(text) };
  }
  if (questionId === 'sendAt') {
    const time = readSendTime(text, context.today);
    if (!time.ok) return { kind: 'refuse', reply: reasonText(time.reason, isLang(context.lang) ? context.lang : 'zh-CN') };
    if (time.value.kind === 'now') return { kind: 'answer', text: defaults['sendAt'] ?? '现在' };
    const at = localInstant(time.value.day, time.value.hour, time.value.minute, context.timeZone);
    if (at.getTime() <= context.now.getTime()) return { kind: 'refuse', reply: t(context.lang, 'notice.time.past') };
    return { kind: 'answer', text: localMinute(at, context.timeZone) };
  }
  return { kind: 'answer', text };
}

/** The notice the staff member confirmed: stored, and its sending queued for its time. */
async function submit(context: HandlerContext, answers: Record<string, JsonValue>, state: DialogState): Promise<string> {
  const chats = await scopeChats(context, str(answers['scope']));
  if (typeof chats === 'string') return chats;
  const [first] = chats;
  if (!first) return t(context.lang, 'notice.scope.empty');
  const sendAt = sendAtOf(context, answers);
  const [staff] = await staffOf(context.tx, context.message.account.personId);
  const attached = inboundFileSchema.safeParse(state.answers['attachmentFile']);
  const id = await createNotice(context.tx, context.cipher, {
    communityId: await communityOfArea(context.tx, first.areaId),
    body: str(state.answers['body']),
    scope: str(answers['scope']),
    sendAt,
    ackHours: typeof answers['ackHours'] === 'number' ? answers['ackHours'] : defaultAckHours,
    pin: answers['pin'] === true,
    authorPersonId: context.message.account.personId,
    authorStaffId: staff?.id ?? null,
    ...(attached.success ? { attachmentRef: { platform: context.message.platform, file: attached.data } } : {}),
  });
  const delayMs = sendAt.getTime() - context.now.getTime();
  context.later({ name: noticeSendJob, data: { noticeId: id }, jobId: `notice-send-${id}`, delayMs });
  if (delayMs <= 0) return t(context.lang, 'notice.sent', { number: id, chats: chats.length });
  return t(context.lang, 'notice.scheduled', { number: id, chats: chats.length, at: localMinute(sendAt, context.timeZone) });
}

async function step(context: HandlerContext, session: StoredSession): Promise<void> {
  const engine = engineContext(context);
  const question = session.state.phase === 'asking' ? questionById(engine.form, session.state.current) : undefined;
  const raw = context.message.text.trim();
  const prepared = await prepare(context, question?.id, raw);
  if (prepared.kind === 'refuse') {
    context.reply(prepared.reply);
    return;
  }
  const result = stepDialog(engine, session.state, prepared.text);
  let state = result.state;
  // The engine keeps a line of text; the notice keeps every line as staff pasted it.
  if (question?.id === 'body' && 'body' in state.answers) state = { ...state, answers: { ...state.answers, body: raw.slice(0, 4000) } };
  if (question?.id === 'attachment' && 'attachment' in state.answers) {
    const { attachmentFile: _dropped, ...rest } = state.answers;
    state = { ...state, answers: prepared.file ? { ...rest, attachmentFile: { ...prepared.file } } : rest };
  }
  let replies = result.replies;
  for (const effect of result.effects) {
    if (effect.kind === 'cancelled') replies = [t(context.lang, 'notice.cancelled')];
    if (effect.kind === 'submit') replies = [await submit(context, effect.answers, state)];
  }
  if (state.phase === 'summary') {
    const chats = await scopeChats(context, str(state.answers['scope']));
    const sendAt = str(state.answers['sendAt']);
    replies =
      typeof chats === 'string'
        ? [chats]
        : [await previewText(context.tx, { lang: context.lang, answers: state.answers, chats, sendAtLabel: sendAt === defaults['sendAt'] ? t(context.lang, 'notice.preview.now') : sendAt })];
  }
  await continueStaffDialog(context, session, state, replies);
}

async function start(context: HandlerContext): Promise<void> {
  if (context.message.chat.kind !== 'private') {
    context.reply(t(context.lang, 'notice.private-only'));
    return;
  }
  if ((await staffOf(context.tx, context.message.account.personId)).length === 0) {
    await recordRefusal(context.tx, { personId: context.message.account.personId, command: 'notice', reason: 'not-staff', chatKind: 'private' });
    context.reply(t(context.lang, 'notice.not-staff'));
    return;
  }
  await openStaffDialog(context, engineContext(context));
}

/**
 * 发布通知 or /notice starts the notice dialog (staff only, in a private chat); while it is open,
 * every private message answers it, files included (the attachment).
 */
export const noticeDialogRule: RouteRule = staffDialogRule({ formId: noticeFormId, isStart: isNoticeStart, start, step });
