/** Where a session stands in its form: which questions apply, which comes next, an answer recorded. */

import type { ReadOutcome } from './answer-kinds.ts';
import type { FormDefinition, Question } from './form.ts';
import type { DialogState } from './state.ts';

export function applies(question: Question, state: Pick<DialogState, 'answers' | 'member'>): boolean {
  if (state.member > 0 && (question.shared || question.kind === 'consent')) return false;
  if (!question.when) return true;
  return state.answers[question.when.question] === question.when.equals;
}

export function nextQuestion(form: FormDefinition, state: DialogState): Question | undefined {
  return form.questions.find((q) => applies(q, state) && !(q.id in state.answers) && !state.skipped.includes(q.id));
}

export function questionById(form: FormDefinition, id: string | null): Question | undefined {
  return form.questions.find((q) => q.id === id);
}

export type AcceptedAnswer = Extract<ReadOutcome, { ok: true }>;

/** The session with the answer taken (or the optional question skipped), and 返回 able to come back to it. */
export function recordAnswer(state: DialogState, question: Question, outcome: AcceptedAnswer): DialogState {
  const answers = { ...state.answers, [question.id]: outcome.value };
  const skipped = state.skipped.filter((id) => id !== question.id);
  if (outcome.skipped) {
    delete answers[question.id];
    skipped.push(question.id);
  }
  return { ...state, answers, skipped, trail: [...state.trail, question.id] };
}
