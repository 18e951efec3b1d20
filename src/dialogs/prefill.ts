import type { JsonValue } from './answer-kinds.ts';
import type { FormDefinition, Question } from './form.ts';

/** An answer given before: a report of a campaign that still runs, with the form it answered. */
export interface EarlierAnswers {
  form: FormDefinition;
  answers: Record<string, JsonValue>;
}

// Consent is asked every time; a recent date is recent only as of the day it was given.
const neverFilled = new Set<Question['kind']>(['consent', 'recent-date']);

/** Whether an earlier answer fits this question as it is asked now (an option it still has, a number in its range). */
function fits(question: Question, value: JsonValue): boolean {
  if (question.kind === 'choice') return (question.options ?? []).some((option) => option.value === value);
  if (question.kind === 'integer') {
    return typeof value === 'number' && value >= (question.min ?? 0) && value <= (question.max ?? 1000);
  }
  return true;
}

/**
 * The questions of `form` a person answered already, with those answers: the same question (same id
 * and kind) in a report of a campaign that still runs, the newest first. They are not asked again;
 * the summary shows them, and 修改 N changes them.
 */
export function prefilledAnswers(form: FormDefinition, earlier: readonly EarlierAnswers[]): Record<string, JsonValue> {
  const filled: Record<string, JsonValue> = {};
  for (const question of form.questions) {
    if (neverFilled.has(question.kind)) continue;
    for (const report of earlier) {
      const before = report.form.questions.find((q) => q.id === question.id);
      const value = report.answers[question.id];
      if (before?.kind !== question.kind || value === undefined || value === null || !fits(question, value)) continue;
      filled[question.id] = value;
      break;
    }
  }
  return filled;
}
