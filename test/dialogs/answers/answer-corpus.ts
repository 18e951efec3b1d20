/** Loads the answer corpus: what residents typed to a question of the registration form, and the right reading. */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { readAnswer, type JsonValue, type ReadOutcome } from '../../../src/dialogs/answer-kinds.ts';
import { loadForm } from '../../../src/dialogs/form.ts';

const CORPUS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');

const json: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(json), z.record(z.string(), json)]),
);

const caseSchema = z
  .object({
    q: z.string(),
    text: z.preprocess((value) => (typeof value === 'number' ? String(value) : value), z.string()),
    value: json.optional(),
    skip: z.literal(true).optional(),
    refused: z.literal(true).optional(),
  })
  .strict()
  .refine((c) => [c.value !== undefined, c.skip, c.refused].filter(Boolean).length === 1, 'one of value, skip, refused');
export type AnswerCase = z.infer<typeof caseSchema>;

const fileSchema = z.object({ today: z.string(), cases: z.array(caseSchema) });

export function loadAnswerCorpus(file: 'tuning.yaml' | 'held-out.yaml'): { today: string; cases: AnswerCase[] } {
  return fileSchema.parse(parse(readFileSync(path.join(CORPUS_DIR, file), 'utf8')));
}

const form = loadForm('registration');

export function questionOf(id: string) {
  const question = form.questions.find((q) => q.id === id);
  if (!question) throw new Error(`the registration form has no question ${id}`);
  return question;
}

// Objects match on the keys the case gives; everything else exactly.
function matches(expected: JsonValue, actual: JsonValue): boolean {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([key, value]) => matches(value, actual[key] ?? null));
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((value, i) => matches(value, actual[i] ?? null));
  }
  return expected === actual;
}

/** Whether the readers' outcome is the reading the case expects. */
export function isRightReading(expected: AnswerCase, outcome: ReadOutcome): boolean {
  if (expected.refused) return !outcome.ok;
  if (expected.skip) return outcome.ok && outcome.skipped === true;
  return outcome.ok && !outcome.skipped && matches(expected.value ?? null, outcome.value);
}

export function readCase(answerCase: AnswerCase, today: string, text = answerCase.text): ReadOutcome {
  return readAnswer(questionOf(answerCase.q), text, { today, lang: /\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en' });
}
