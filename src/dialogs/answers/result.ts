import type { ReasonCode } from './reasons.ts';

/** What a reader makes of an answer: the normalised value, or a stable reason code for re-asking. */
export type AnswerResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A mention that a finder located inside a longer text; index and length refer to the original text. */
export interface Found<T> {
  index: number;
  length: number;
  text: string;
  result: AnswerResult<T>;
}

export const accept = <T>(value: T): AnswerResult<T> => ({ ok: true, value });

// Readers may only refuse with a catalogued code, so every refusal has a message in reasons.ts.
export const refuse = <T = never>(reason: ReasonCode): AnswerResult<T> => ({ ok: false, reason });
