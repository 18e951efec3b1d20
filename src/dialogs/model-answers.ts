/**
 * A resident's free-text answer that the rules cannot read may be read by a language model: the
 * handler asks it (questionsForModel says for what) and hands the engine the words it found, and
 * the engine reads each with the same rules as a typed answer. One message may answer several
 * questions at once ("我上周三从武汉坐高铁回来的": whether, from where, when).
 */

import { readYesNo } from './answers/index.ts';
import { isModelReadable, type ModelReading } from './answers/model-reading.ts';
import { readAnswer, type ReadContext, type ReadOutcome } from './answer-kinds.ts';
import { parseControl } from './control-words.ts';
import type { FormDefinition, Question } from './form.ts';
import { pastedLines } from './pasted-lines.ts';
import { applies, nextQuestion, questionById, recordAnswer } from './progress.ts';
import type { DialogState } from './state.ts';

interface FormContext extends ReadContext {
  form: FormDefinition;
}

/**
 * Whether the rules left an answer unread: refused (a refused consent is an answer), or a place in
 * which they know no province or city, which they accept as written.
 */
export function unread(question: Question, outcome: ReadOutcome, text?: string): boolean {
  if (!outcome.ok) return outcome.reason !== 'consent.refused';
  // 「我上周三从武汉回来的」 says yes in words, and may answer the questions after it too.
  if (question.kind === 'yes-no' && text !== undefined && !readYesNo(text).ok) return true;
  const { value } = outcome;
  const place = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
  return question.kind === 'place' && place !== null && place['province'] === null && place['city'] === null;
}

/** The question asked and the later open ones that the same message may answer, in form order. */
function candidatesFor(form: FormDefinition, state: DialogState, question: Question): Question[] {
  const candidates: Question[] = [question];
  for (const q of form.questions.slice(form.questions.indexOf(question) + 1)) {
    if (!isModelReadable(q) || q.id in state.answers || state.skipped.includes(q.id)) continue;
    // A follow-up of a question the message may answer is open too: 从武汉来的 answers both.
    if (applies(q, state) || candidates.some((c) => c.id === q.when?.question)) candidates.push(q);
  }
  return candidates;
}

/**
 * The questions whose answers a language model may look for in `text`, when the rules cannot read
 * it as the answer to the question asked: that question first, then the later open ones. Empty when
 * the rules read it, or the question is not one a model may read.
 */
export function questionsForModel(context: FormContext, state: DialogState, text: string): Question[] {
  if (state.phase !== 'asking' || parseControl(text)) return [];
  const question = questionById(context.form, state.current);
  if (!question || !isModelReadable(question) || pastedLines(question, text).length > 1) return [];
  if (!unread(question, readAnswer(question, text, context), text)) return [];
  return candidatesFor(context.form, state, question);
}

// An empty list or a skipped answer says nothing about the question it follows.
const saysSomething = (outcome: ReadOutcome | undefined): boolean =>
  outcome?.ok === true && !outcome.skipped && !(Array.isArray(outcome.value) && outcome.value.length === 0);

type Refused = Extract<ReadOutcome, { ok: false }>;

export interface TakenReadings {
  state: DialogState;
  /** The questions answered, in form order: the question asked first. */
  taken: Question[];
  /** Why the rules refused what the model found for the question to be asked next, if they did. */
  refusal: Refused | undefined;
}

/** What the rules make of each reading; an answer to a follow-up also answers the question it follows. */
function outcomesOf(
  context: FormContext,
  candidates: readonly Question[],
  question: Question,
  rules: ReadOutcome,
  readings: readonly ModelReading[],
): Map<string, ReadOutcome> {
  const outcomes = new Map<string, ReadOutcome>();
  for (const reading of readings) {
    const q = candidates.find((c) => c.id === reading.questionId);
    if (q && !outcomes.has(q.id)) outcomes.set(q.id, readAnswer(q, reading.text, context));
  }
  // A place the model names no better than the rules keeps the resident's own words.
  const own = outcomes.get(question.id);
  if ((!own || unread(question, own)) && rules.ok) outcomes.set(question.id, rules);
  for (const q of candidates) {
    const condition = candidates.find((c) => c.id === q.when?.question);
    if (q.when && condition && saysSomething(outcomes.get(q.id)) && !outcomes.has(condition.id)) {
      outcomes.set(condition.id, { ok: true, value: q.when.equals });
    }
  }
  return outcomes;
}

/**
 * The session with the model's readings taken, each read by the rules as if typed; `rules` is what
 * the rules made of the whole text. Undefined when the question asked is still unanswered: then the
 * rules' request to answer again stands.
 */
export function takeReadings(
  context: FormContext,
  state: DialogState,
  question: Question,
  rules: ReadOutcome,
  readings: readonly ModelReading[],
): TakenReadings | undefined {
  const candidates = candidatesFor(context.form, state, question);
  const outcomes = outcomesOf(context, candidates, question, rules, readings);
  let next = state;
  const taken: Question[] = [];
  const refused = new Map<string, Refused>();
  for (const q of candidates) {
    const outcome = outcomes.get(q.id);
    if (!outcome || !applies(q, next)) continue;
    if (outcome.ok) {
      next = recordAnswer(next, q, outcome);
      taken.push(q);
    } else {
      refused.set(q.id, outcome);
    }
  }
  if (!taken.includes(question)) return undefined;
  const upcoming = nextQuestion(context.form, next);
  return { state: next, taken, refusal: upcoming ? refused.get(upcoming.id) : undefined };
}
