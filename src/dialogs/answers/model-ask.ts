/**
 * Asking the configured language model to read a resident's answer that the rules could not.
 * The message leaves the machine with every ID number and phone replaced by a placeholder; the
 * answer is checked with zod and taken only where the message bears it out. Whatever goes wrong
 * (no answer in time, a refusal, garbage, words not in the message) is "not understood", and the
 * rules' request to answer again stands.
 */

import type { RosterModel } from '../roster/model.ts';
import { PlaceholderTable } from '../roster/placeholders.ts';
import type { Question } from '../form.ts';
import { formModelPrompt } from './model-prompt.ts';
import { formModelOutputSchema, groundReadings, type ModelReading } from './model-reading.ts';

/** Why the model's reading could not be taken; never the resident's words, so it may be logged. */
export type ModelProblem = 'too-long' | 'timeout' | 'failed' | 'invalid' | 'ungrounded';

export type ModelReadingResult = { ok: true; readings: ModelReading[] } | { ok: false; problem: ModelProblem };

export interface ModelAskOptions {
  /** How long the resident's message may wait for the model. */
  timeoutMs: number;
}

// A reply this long is no answer to one question; it is not worth sending anywhere.
const MAX_ANSWER_LENGTH = 500;

class ModelTimeout extends Error {}

// Some chat models (and every fake) ignore the abort signal: the race is what bounds the wait.
async function withinTime<T>(work: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ModelTimeout());
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The answers the model finds in `text` for `questions` (the question asked first). */
export async function readWithModel(
  model: RosterModel,
  questions: readonly Question[],
  text: string,
  options: ModelAskOptions,
): Promise<ModelReadingResult> {
  if (text.length > MAX_ANSWER_LENGTH) return { ok: false, problem: 'too-long' };
  const shown = new PlaceholderTable().hide(text);
  let answer: unknown;
  try {
    const structured = model.chat.withStructuredOutput(formModelOutputSchema, { method: model.method, name: 'form_answers' });
    answer = await withinTime((signal) => structured.invoke(formModelPrompt(questions, shown), { signal }), options.timeoutMs);
  } catch (error) {
    // The error's message may quote the model's output, and so the resident: only its kind is kept.
    return { ok: false, problem: error instanceof ModelTimeout ? 'timeout' : 'failed' };
  }
  const parsed = formModelOutputSchema.safeParse(answer);
  if (!parsed.success) return { ok: false, problem: 'invalid' };
  const readings = groundReadings(parsed.data, questions, shown);
  return readings.length > 0 ? { ok: true, readings } : { ok: false, problem: 'ungrounded' };
}
