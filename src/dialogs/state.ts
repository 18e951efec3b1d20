import { z } from 'zod';
import type { JsonValue } from './answer-kinds.ts';

/** A form in progress, as stored (encrypted) after every step: a restart loses nothing. */
export const dialogStateSchema = z.object({
  formId: z.string(),
  formVersion: z.number().int(),
  phase: z.enum(['asking', 'summary', 'finished', 'cancelled']),
  /** The question being asked, while asking. */
  current: z.string().nullable(),
  answers: z.record(z.string(), z.json()),
  /** Optional questions the person skipped: not asked again. */
  skipped: z.array(z.string()),
  /** Questions answered, in order: where 返回 goes back to. */
  trail: z.array(z.string()),
  /** Failed tries at the current question; after three the bot offers help from staff. */
  failures: z.number().int().nonnegative(),
  /** 0 for the resident, then 1, 2... for family members registered in the same go. */
  member: z.number().int().nonnegative(),
  /** Answers that family members share with the resident (the room). */
  shared: z.record(z.string(), z.json()),
  /** The resident's own confirmed answers, which 「同上」 copies for a family member. */
  first: z.record(z.string(), z.json()).default({}),
  /**
   * The campaigns the form is answered for, fixed when it opens (none: the plain registration).
   * Absent in a form opened before campaigns were chosen per resident: then the place decides.
   */
  campaignIds: z.array(z.number().int().positive()).optional(),
});

export type DialogState = Omit<z.infer<typeof dialogStateSchema>, 'answers' | 'shared' | 'first'> & {
  answers: Record<string, JsonValue>;
  shared: Record<string, JsonValue>;
  first: Record<string, JsonValue>;
};

export function parseDialogState(data: unknown): DialogState {
  return dialogStateSchema.parse(data) as DialogState;
}
