/**
 * A family member registered after the resident: the questions speak about them (「这位家人的姓名？」),
 * a phone may be missing (a child has none), and 「同上」 / 「跟我一样」 copies the resident's answer.
 */

import { normalize } from './answers/index.ts';
import type { ReadOutcome } from './answer-kinds.ts';
import type { Localized, Question } from './form.ts';
import type { DialogState } from './state.ts';

/** The question as it is asked of this member: optional where it is so for members. */
export function asAsked(question: Question, state: Pick<DialogState, 'member'>): Question {
  return state.member > 0 && question.optionalForMembers && !question.optional ? { ...question, optional: true } : question;
}

export function promptFor(question: Question, state: Pick<DialogState, 'member'>): Localized {
  return state.member > 0 && question.memberPrompt ? question.memberPrompt : question.prompt;
}

const SAME_AS_RESIDENT =
  /^(?:同上|同前|一样|都一样|和我一样|跟我一样|与我一样|和我相同|跟我相同|和我的一样|跟我的一样|和上面一样|跟上面一样|同我|same|same as me|same as mine|same as above|the same|ditto)[\s.!。！]*$/iu;

// A name or an ID number belongs to one person only: nobody has another's.
const ownToEach = new Set<Question['kind']>(['name', 'id-document', 'consent']);

/**
 * The resident's answer, when a family member's answer is 「同上」; undefined when the answer is
 * something else, to be read as typed.
 */
export function sameAsResident(question: Question, state: DialogState, text: string): ReadOutcome | undefined {
  if (state.member === 0 || ownToEach.has(question.kind) || !SAME_AS_RESIDENT.test(normalize(text))) return undefined;
  const value = state.first[question.id];
  if (value !== undefined && value !== null) return { ok: true, value };
  return question.optional ? { ok: true, value: null, skipped: true } : { ok: false, reason: 'same.nothing' };
}
