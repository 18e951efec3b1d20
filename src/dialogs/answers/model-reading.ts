/**
 * What a language model may read from a resident's own words when the rules cannot, and how its
 * answer is taken: only the words it quotes from the message count, each as the resident's text of
 * one question, to be read again by the same rule readers as a typed answer. The model never
 * supplies a value, only where in the message the value is written.
 */

import { z } from 'zod';
import type { AnswerKind, Question } from '../form.ts';
import { normalize } from './normalize.ts';

/**
 * The kinds of question whose answers people give in passing, in a sentence about something else
 * ("我上周三从武汉坐高铁回来的"): whether they arrived, from where, when, through where; where their
 * household is registered; since when they live here. The others stay with the rules alone:
 * - consent must be the resident's own yes, never a reading of one;
 * - name, ID document and mobile are personal data, which the rules already find inside a sentence
 *   and refuse with an exact reason that a model cannot improve (and ID numbers and phones are
 *   hidden from it anyway);
 * - room is found inside a sentence by the rules and checked against the compound's rooms;
 * - choice, health code, integer and test result are words the rules find anywhere in a sentence,
 *   and a colour, a result or a role that the resident did not write must never be recorded;
 * - text is always read.
 */
export const MODEL_READABLE_KINDS: ReadonlySet<AnswerKind> = new Set<AnswerKind>([
  'yes-no',
  'city',
  'cities',
  'recent-date',
  'past-date',
  'place',
]);

export const isModelReadable = (question: Question): boolean => MODEL_READABLE_KINDS.has(question.kind);

/** One question's answer as the resident wrote it in the message, to be read by the rules. */
export interface ModelReading {
  questionId: string;
  text: string;
}

// Nullable rather than optional: OpenAI's strict JSON schema wants every property present.
export const formModelAnswerSchema = z.object({
  question: z.string().describe('the id of the question answered, exactly as listed'),
  phrases: z
    .array(z.string())
    .describe('the words of the message that give the answer, copied character for character: a place, a date as written (上周三), each city; for a yes/no question the words that say yes or no'),
  answer: z
    .enum(['yes', 'no'])
    .nullable()
    .describe('yes or no for a yes/no question; "no" for a list of cities the person says is empty; null otherwise'),
});

export const formModelOutputSchema = z.object({ answers: z.array(formModelAnswerSchema) });

export type FormModelOutput = z.infer<typeof formModelOutputSchema>;
type FormModelAnswer = z.infer<typeof formModelAnswerSchema>;

// Phrases are compared as people retype them: full-width or not, spaces or not.
const comparable = (text: string): string => normalize(text).replace(/\s+/g, '').toLowerCase();

/** The phrases that are written in the message; a placeholder (a hidden number) is never a phrase. */
function groundedPhrases(answer: FormModelAnswer, shown: string): { grounded: string[]; all: number } {
  const phrases = answer.phrases.map((phrase) => phrase.trim()).filter((phrase) => phrase !== '');
  const grounded = phrases.filter((phrase) => !/[⟨⟩]/.test(phrase) && shown.includes(comparable(phrase)));
  return { grounded, all: phrases.length };
}

function readingText(question: Question, answer: FormModelAnswer, shown: string): string | null {
  const { grounded, all } = groundedPhrases(answer, shown);
  switch (question.kind) {
    case 'yes-no':
      // A yes or no counts only with the words that say it.
      if (answer.answer === null || grounded.length === 0) return null;
      return answer.answer === 'yes' ? '是' : '否';
    case 'cities':
      if (grounded.length === 0) return null;
      if (answer.answer === 'no') return '无';
      return grounded.join('、');
    default:
      // One value: the phrase itself, or nothing when any of what the model quoted is not in the message.
      return grounded.length === all ? (grounded[0] ?? null) : null;
  }
}

/**
 * The model's answers that the message bears out, one per question asked (the first answer to a
 * question wins); `shownText` is the message as the model saw it.
 */
export function groundReadings(output: FormModelOutput, questions: readonly Question[], shownText: string): ModelReading[] {
  const shown = comparable(shownText);
  const readings: ModelReading[] = [];
  for (const answer of output.answers) {
    const question = questions.find((q) => q.id === answer.question);
    if (!question || !isModelReadable(question) || readings.some((r) => r.questionId === question.id)) continue;
    const text = readingText(question, answer, shown);
    if (text !== null) readings.push({ questionId: question.id, text });
  }
  return readings;
}
