import { currentPrompt, stepDialog, type Effect } from '../../../dialogs/engine.ts';
import { t } from '../../../dialogs/messages/index.ts';
import type { DialogState } from '../../../dialogs/state.ts';
import { activeSession, saveSession, type StoredSession } from '../../../store/dialog-sessions.ts';
import { areaPath } from '../../../store/areas.ts';
import type { HandlerContext } from '../../handler.ts';
import type { RouteRule } from '../../router.ts';
import { newObservationNotice } from '../../observation-notice.ts';
import { tellStaff } from '../staff-notify.ts';
import { sessionEngine, type RegistrationContext } from './engine-context.ts';
import { askModelLater } from './model-reading.ts';
import type { ModelReading } from '../../../dialogs/answers/model-reading.ts';
import { defaultObservationDays, submitReports, type ReportPart } from './submit.ts';
import type { JsonValue } from '../../../dialogs/answer-kinds.ts';
import { answersOf } from '../../../dialogs/union-form.ts';
import { idConflictNote } from './id-conflict-note.ts';

/** Slash commands that steer a form; any other slash command is for the command router. */
const dialogSlashCommands = /^\/(?:back|skip|cancel|help|staff)\b/i;

const isOpen = (state: DialogState) => state.phase === 'asking' || state.phase === 'summary';

/** One report per campaign the form was answered for, with the answers to its own questions; or the plain one. */
function reportsOf(engine: RegistrationContext, answers: Record<string, JsonValue>): ReportPart[] {
  if (engine.campaigns.length === 0) return [{ form: engine.form, campaignId: null, observationDays: defaultObservationDays, answers }];
  return engine.campaigns.map((part) => ({
    form: part.form,
    campaignId: part.campaign.id,
    observationDays: part.campaign.settings.observationDays,
    answers: answersOf(part, answers),
  }));
}

async function applyEffects(
  context: HandlerContext,
  session: StoredSession,
  engine: RegistrationContext,
  effects: readonly Effect[],
): Promise<string[]> {
  const notes: string[] = [];
  for (const effect of effects) {
    if (effect.kind === 'submit') {
      const saved = await submitReports(
        context.tx,
        context.cipher,
        {
          member: effect.member,
          answers: effect.answers,
          accountId: session.accountId,
          chatId: session.chatId,
          areaId: session.areaId,
          today: context.today,
        },
        reportsOf(engine, effect.answers),
      );
      if (saved.idConflict) notes.push(idConflictNote(context.lang, effect.member, effect.answers));
      // The resident hears of their own observation privately, after the form's last words.
      const notice = effect.member === 0 ? await newObservationNotice(context.tx, saved.personId, context.lang, context.settings.checkinAskAt) : undefined;
      if (notice) notes.push(notice);
    } else if (effect.kind === 'ask-staff') {
      const question = engine.form.questions.find((q) => q.id === effect.questionId);
      await context.tx.query(
        'INSERT INTO help_requests (person_id, account_id, area_id, topic) VALUES ($1, $2, $3, $4)',
        [context.message.account.personId, session.accountId, session.areaId, `${engine.form.id}:${effect.questionId ?? ''}`],
      );
      const place = session.areaId ? (await areaPath(context.tx, session.areaId)).join(' / ') : '—';
      const name = context.message.account.displayName ?? context.message.account.platformUserId;
      await tellStaff(
        context,
        session.areaId,
        t('zh-CN', 'staff.help-request', { name, place, question: question?.label['zh-CN'] ?? engine.form.title['zh-CN'] }),
      );
    }
  }
  return notes;
}

/** Queues the reminder and the expiry of a quiet form; an answer in between makes them moot. */
export function scheduleTimers(context: HandlerContext, sessionId: number, step: number): void {
  const data = { sessionId, step };
  context.later({ name: 'dialog-remind', data, jobId: `remind-${sessionId}-${step}`, delayMs: context.settings.dialogReminderMs });
  context.later({ name: 'dialog-expire', data, jobId: `expire-${sessionId}-${step}`, delayMs: context.settings.dialogExpiryMs });
}

const engineOf = (context: HandlerContext, session: StoredSession) => sessionEngine(context.tx, session, context.lang, context.today);

/**
 * One step of the form: the engine decides, then the store and the outbox follow. An answer the
 * rules cannot read waits for the model first, when one is configured (see askModelLater).
 */
export async function runDialogStep(context: HandlerContext, session: StoredSession, text: string): Promise<void> {
  const engine = await engineOf(context, session);
  if (await askModelLater(context, engine, session, text)) return;
  await takeStep(context, session, engine, text, []);
}

/**
 * The step of an answer that waited for the model, with what the model found (nothing when it
 * failed). A form that moved on meanwhile (the resident wrote again, or it expired) is left alone:
 * the newer message was answered in its own right.
 */
export async function runDialogStepWithReadings(
  context: HandlerContext,
  at: { sessionId: number; step: number },
  readings: readonly ModelReading[],
): Promise<void> {
  const session = await activeSession(context.tx, context.cipher, context.message.account.accountId);
  if (!session || session.id !== at.sessionId || session.step !== at.step) return;
  await takeStep(context, session, await engineOf(context, session), context.message.text, readings);
}

async function takeStep(
  context: HandlerContext,
  session: StoredSession,
  engine: RegistrationContext,
  text: string,
  readings: readonly ModelReading[],
): Promise<void> {
  const result = stepDialog(engine, session.state, text, readings);
  const notes = await applyEffects(context, session, engine, result.effects);
  const step = await saveSession(context.tx, context.cipher, session.id, result.state, context.settings.dialogExpiryMs);
  for (const reply of [...result.replies, ...notes]) context.reply(reply);
  if (isOpen(result.state)) scheduleTimers(context, session.id, step);
}

export async function resumePrompt(context: HandlerContext, session: StoredSession): Promise<string> {
  return currentPrompt(await engineOf(context, session), session.state);
}

const sessions = new WeakMap<HandlerContext, StoredSession>();

/** A private message while a form is open answers the form. */
export const dialogRule: RouteRule = {
  route: 'dialog',
  async matches(context) {
    if (context.message.chat.kind !== 'private') return false;
    const text = context.message.text.trim();
    if (text.startsWith('/') && !dialogSlashCommands.test(text)) return false;
    const session = await activeSession(context.tx, context.cipher, context.message.account.accountId);
    if (!session) return false;
    sessions.set(context, session);
    return true;
  },
  async handle(context) {
    const session = sessions.get(context) ?? (await activeSession(context.tx, context.cipher, context.message.account.accountId));
    if (session) await runDialogStep(context, session, context.message.text);
  },
};
