import { readYesNo, reasonText } from './answers/index.ts';
import { isModelReadable, type ModelReading } from './answers/model-reading.ts';
import { formatAnswer, readAnswer, type JsonValue, type ReadContext } from './answer-kinds.ts';
import { parseControl, type Control } from './control-words.ts';
import type { FormDefinition, Question } from './form.ts';
import { t } from './messages/index.ts';
import { takeReadings, unread, type TakenReadings } from './model-answers.ts';
import { applies, nextQuestion, questionById, recordAnswer } from './progress.ts';
import { asAsked, promptFor, sameAsResident } from './member-answers.ts';
import { pastedLines } from './pasted-lines.ts';
import type { DialogState } from './state.ts';

export { questionsForModel } from './model-answers.ts';

/**
 * The dialog engine: pure. It takes a session and what the person said, and returns the next
 * session, the replies and the effects (submit a report, tell the staff). It knows nothing of
 * chats, platforms or the database.
 */
export interface EngineContext extends ReadContext {
  form: FormDefinition;
  /** Filled into prompts: {community}, {retentionDays}. */
  params: Record<string, string>;
}

export type Effect =
  | { kind: 'submit'; member: number; answers: Record<string, JsonValue> }
  | { kind: 'ask-staff'; questionId: string | null }
  | { kind: 'cancelled' }
  | { kind: 'finished' };

export interface StepResult {
  state: DialogState;
  replies: string[];
  effects: Effect[];
}

const maxFailuresBeforeHelp = 3;

const fill = (text: string, params: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (whole, key: string) => params[key] ?? whole);

/** Questions whose answers count, in order: the summary's items and what is submitted. */
function answeredItems(form: FormDefinition, state: DialogState): Question[] {
  return form.questions.filter(
    (q) => q.kind !== 'consent' && q.id in state.answers && (applies(q, state) || (state.member > 0 && q.shared)),
  );
}

function promptText(context: EngineContext, state: DialogState, question: Question): string {
  const prefix = state.member > 0 ? t(context.lang, 'dialog.member.prefix', { number: state.member }) : '';
  return prefix + fill(promptFor(question, state)[context.lang], context.params);
}

function summaryText(context: EngineContext, state: DialogState): string {
  const who =
    state.member === 0 ? t(context.lang, 'dialog.summary.you') : t(context.lang, 'dialog.summary.member', { number: state.member });
  const lines = answeredItems(context.form, state).map(
    (q, index) =>
      `${index + 1}. ${q.label[context.lang]}${t(context.lang, 'dialog.summary.separator')}${formatAnswer(q, state.answers[q.id] ?? null, context.lang)}`,
  );
  const actions = context.form.household ? 'dialog.summary.actions.household' : 'dialog.summary.actions';
  return [t(context.lang, 'dialog.summary.title', { who }), ...lines, t(context.lang, actions)].join('\n');
}

/** Moves on to the next unanswered question, or to the summary when there is none. */
function advance(context: EngineContext, state: DialogState, before: string[] = []): StepResult {
  const next = nextQuestion(context.form, state);
  if (next) {
    return { state: { ...state, phase: 'asking', current: next.id, failures: 0 }, replies: [...before, promptText(context, state, next)], effects: [] };
  }
  const atSummary: DialogState = { ...state, phase: 'summary', current: null, failures: 0 };
  return { state: atSummary, replies: [...before, summaryText(context, atSummary)], effects: [] };
}

/**
 * Opens the form. `answers` are given already (answered in another campaign): they are not asked,
 * and the summary shows them. `campaignIds` are the campaigns the answers go to.
 */
export function startDialog(
  context: EngineContext,
  start: { formId?: string; answers?: Record<string, JsonValue>; campaignIds?: number[] } = {},
): StepResult {
  const state: DialogState = {
    formId: start.formId ?? context.form.id,
    formVersion: context.form.version,
    phase: 'asking',
    current: null,
    answers: { ...start.answers },
    skipped: [],
    trail: [],
    failures: 0,
    member: 0,
    shared: {},
    first: {},
    ...(start.campaignIds ? { campaignIds: start.campaignIds } : {}),
  };
  return advance(context, state);
}

/** The prompt of where the session stands, for a reminder or a resumed session. */
export function currentPrompt(context: EngineContext, state: DialogState): string {
  if (state.phase === 'summary') return summaryText(context, state);
  const question = questionById(context.form, state.current);
  return question ? promptText(context, state, question) : t(context.lang, 'dialog.help');
}

function cancel(context: EngineContext, state: DialogState): StepResult {
  return { state: { ...state, phase: 'cancelled', current: null }, replies: [t(context.lang, 'dialog.cancelled')], effects: [{ kind: 'cancelled' }] };
}

function jumpTo(context: EngineContext, state: DialogState, question: Question, before: string[] = []): StepResult {
  return {
    state: { ...state, phase: 'asking', current: question.id, failures: 0, skipped: state.skipped.filter((id) => id !== question.id) },
    replies: [...before, promptText(context, state, question)],
    effects: [],
  };
}

function change(context: EngineContext, state: DialogState, number: number): StepResult {
  const question = answeredItems(context.form, state)[number - 1];
  if (!question || (state.member > 0 && question.shared)) {
    return { state, replies: [t(context.lang, 'dialog.change-out-of-range', { number })], effects: [] };
  }
  return jumpTo(context, state, question);
}

function back(context: EngineContext, state: DialogState): StepResult {
  const previousId = state.trail.at(-1);
  const previous = questionById(context.form, previousId ?? null);
  if (!previous) return { state, replies: [t(context.lang, 'dialog.back-at-start'), currentPrompt(context, state)], effects: [] };
  return jumpTo(context, { ...state, trail: state.trail.slice(0, -1) }, previous);
}

/** Control words mean the same wherever the person is in the form. */
function control(context: EngineContext, state: DialogState, word: Control, question: Question | undefined): StepResult | undefined {
  switch (word.kind) {
    case 'cancel':
      return cancel(context, state);
    case 'help':
      return { state, replies: [t(context.lang, 'dialog.help'), currentPrompt(context, state)], effects: [] };
    case 'staff':
      return {
        state,
        replies: [t(context.lang, 'dialog.staff-notified'), currentPrompt(context, state)],
        effects: [{ kind: 'ask-staff', questionId: question?.id ?? null }],
      };
    case 'back':
      return back(context, state);
    case 'change':
      return change(context, state, word.number);
    case 'skip':
      if (!question) return undefined;
      if (!asAsked(question, state).optional) return { state, replies: [t(context.lang, 'dialog.skip-refused'), currentPrompt(context, state)], effects: [] };
      // A skip after 修改 N clears the answer given before.
      return advance(context, recordAnswer(state, question, { ok: true, value: null, skipped: true }));
  }
}

/** What a language model found is shown before the next question, so that the resident can put it right. */
function understoodStep(context: EngineContext, { state, taken, refusal }: TakenReadings): StepResult {
  const { lang } = context;
  const items = taken.map((q) => t(lang, 'dialog.model.item', { label: q.label[lang], value: formatAnswer(q, state.answers[q.id] ?? null, lang) }));
  const before = [t(lang, 'dialog.model.understood', { items: items.join('\n') })];
  // A date the model found but the rules refuse (still to come, too long ago) is asked with the reason.
  if (refusal) before.push(fill(reasonText(refusal.reason, lang), refusal.params ?? {}));
  return advance(context, state, before);
}

function answer(context: EngineContext, state: DialogState, asked: Question, text: string, readings: readonly ModelReading[]): StepResult {
  const question = asAsked(asked, state);
  const outcome = sameAsResident(question, state, text) ?? readAnswer(question, text, context);
  if (!outcome.ok && outcome.reason === 'consent.refused') return cancel(context, state);
  if (readings.length > 0 && isModelReadable(question) && unread(question, outcome, text)) {
    const understood = takeReadings(context, state, question, outcome, readings);
    if (understood) return understoodStep(context, understood);
  }
  if (!outcome.ok) {
    const failures = state.failures + 1;
    // A yes or no not understood is asked again in the question's own words (有/没有), not as 是/否.
    const reason =
      outcome.reason === 'yesno.unreadable'
        ? t(context.lang, 'dialog.reask', { prompt: promptText(context, state, question) })
        : fill(reasonText(outcome.reason, context.lang), outcome.params ?? {});
    const replies = failures >= maxFailuresBeforeHelp ? [reason, t(context.lang, 'dialog.offer-staff')] : [reason];
    return { state: { ...state, failures }, replies, effects: [] };
  }
  return advance(context, recordAnswer(state, question, outcome));
}

const familyWords = /^(?:家人|家属|还有家人|登记家人|下一位|family|next)$/i;

/**
 * 确认 submits and finishes; 家人 submits and goes on with a family member who lives in the
 * same room, so a household needs no extra question in between.
 */
function confirm(context: EngineContext, state: DialogState, withFamily: boolean): StepResult {
  const items = answeredItems(context.form, state);
  const submitted: Record<string, JsonValue> = Object.fromEntries(items.map((q) => [q.id, state.answers[q.id] ?? null]));
  const submit: Effect = { kind: 'submit', member: state.member, answers: submitted };
  if (!withFamily) {
    return { state: { ...state, phase: 'finished' }, replies: [t(context.lang, 'dialog.done')], effects: [submit, { kind: 'finished' }] };
  }
  const shared =
    state.member === 0
      ? Object.fromEntries(context.form.questions.filter((q) => q.shared && q.id in submitted).map((q) => [q.id, submitted[q.id] ?? null]))
      : state.shared;
  const member = state.member + 1;
  const first = state.member === 0 ? submitted : state.first;
  const next: DialogState = { ...state, member, shared, first, answers: { ...shared }, skipped: [], trail: [], failures: 0 };
  const step = advance(context, next, [t(context.lang, 'dialog.member.start', { number: member })]);
  return { ...step, effects: [submit] };
}

function atSummary(context: EngineContext, state: DialogState, text: string): StepResult {
  if (context.form.household && familyWords.test(text.trim())) return confirm(context, state, true);
  const yes = readYesNo(text);
  if (yes.ok && yes.value) return confirm(context, state, false);
  return { state, replies: [t(context.lang, context.form.household ? 'dialog.summary.unreadable.household' : 'dialog.summary.unreadable')], effects: [] };
}

/**
 * One message of the person. `readings` are what a language model found in `text` (see
 * questionsForModel); they count only where the rules cannot read the text themselves.
 */
export function stepDialog(context: EngineContext, state: DialogState, text: string, readings: readonly ModelReading[] = []): StepResult {
  if (state.phase === 'finished' || state.phase === 'cancelled') return { state, replies: [], effects: [] };
  const question = state.phase === 'asking' ? questionById(context.form, state.current) : undefined;
  const word = parseControl(text);
  if (word) {
    const handled = control(context, state, word, question);
    if (handled) return handled;
  }
  if (state.phase === 'summary') return atSummary(context, state, text);
  if (!question) return advance(context, state);
  const lines = pastedLines(question, text);
  if (lines.length > 1) return answerLines(context, state, lines);
  return answer(context, state, question, text, readings);
}

/**
 * Several lines pasted at once answer the questions in turn (name, ID number, phone...), up to the
 * first one that is not understood, which is asked again.
 */
function answerLines(context: EngineContext, start: DialogState, lines: readonly string[]): StepResult {
  let result: StepResult = { state: start, replies: [], effects: [] };
  const effects: Effect[] = [];
  let taken = 0;
  for (const line of lines) {
    if (result.state.phase !== 'asking') break;
    const before = result.state;
    result = stepDialog(context, before, line);
    effects.push(...result.effects);
    if (result.state.phase === 'asking' && result.state.current === before.current && result.state.failures > 0) break;
    taken += 1;
  }
  const note = taken > 0 && taken < lines.length ? [t(context.lang, 'dialog.lines.taken', { count: lines.length, taken })] : [];
  return { state: result.state, replies: [...note, ...result.replies], effects };
}
