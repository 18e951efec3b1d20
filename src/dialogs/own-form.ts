import type { AnswerKind, FormDefinition } from './form.ts';

/** Forms shipped with Linli: a campaign's form of its own cannot take their ids. */
export const shippedFormIds: readonly string[] = ['registration', 'notice'];

/** One thing wrong with a form of its own, with the question it is about (when it is about one). */
export interface OwnFormProblem {
  /** The index of the question in the form, when the problem is one question's. */
  index?: number;
  message: string;
}

/**
 * Who and where: every campaign counts rooms and persons, so a form of its own asks a `name` question
 * (kind name) and a `room` question (kind room). They keep these ids so that a resident answering two
 * campaigns, or the registration and a campaign, gives them once; they are never optional nor asked
 * only sometimes, since a report without them counts nobody.
 */
const required: ReadonlyArray<{ id: string; kind: AnswerKind; what: string }> = [
  { id: 'name', kind: 'name', what: 'who is answering' },
  { id: 'room', kind: 'room', what: 'where they live' },
];

export function ownFormProblems(form: FormDefinition): OwnFormProblem[] {
  const problems: OwnFormProblem[] = [];
  if (shippedFormIds.includes(form.id)) {
    problems.push({ message: `id ${form.id} is a form Linli ships; give this form an id of its own, e.g. heat-check` });
  }
  for (const { id, kind, what } of required) {
    const index = form.questions.findIndex((q) => q.id === id);
    const question = form.questions[index];
    const ofKind = form.questions.findIndex((q) => q.kind === kind && q.id !== id);
    if (ofKind >= 0) {
      problems.push({ index: ofKind, message: `a ${kind} question must have the id ${id} (it is ${form.questions[ofKind]?.id})` });
    } else if (!question) {
      problems.push({ message: `no question asks ${what}: add one with id: ${id} and kind: ${kind}` });
    }
    if (!question) continue;
    if (question.kind !== kind) problems.push({ index, message: `question ${id} must be of kind ${kind}, not ${question.kind}` });
    if (question.optional) problems.push({ index, message: `question ${id} cannot be optional: a report without it counts nobody` });
    if (question.when) problems.push({ index, message: `question ${id} is asked always: remove its when` });
  }
  form.questions.forEach((q, index) => {
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) {
      problems.push({ index, message: `question ${q.id}: min ${q.min} is more than max ${q.max}` });
    }
    if (q.kind !== 'choice' && q.options) problems.push({ index, message: `question ${q.id} has options but is of kind ${q.kind}; use kind: choice` });
  });
  return problems;
}
