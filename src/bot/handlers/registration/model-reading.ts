import { z } from 'zod';
import { questionsForModel, type EngineContext } from '../../../dialogs/engine.ts';
import type { DialogState } from '../../../dialogs/state.ts';
import type { StoredSession } from '../../../store/dialog-sessions.ts';
import { followUpLater } from '../../followups.ts';
import type { HandlerContext } from '../../handler.ts';

/** The follow-up that puts a registration answer the rules cannot read to the model. */
export const formModelFollowup = 'form-model';

/** Which step of which form the answer was given at: the reading counts only while it still is. */
export const formModelData = z.object({
  sessionId: z.number().int().positive(),
  step: z.number().int().nonnegative(),
});
export type FormModelData = z.infer<typeof formModelData>;

/**
 * How long an answer may wait for the model. The wait happens in a job, outside any transaction,
 * so it holds up nobody else; past it the rules' request to answer again is sent instead.
 */
export const modelAnswerTimeoutMs = 30_000;

/**
 * Whether this answer goes to the model: there is one, and the rules cannot read the answer to a
 * question the model may read. Then the model is asked after this transaction (a follow-up), and
 * the step is taken when it answers; the form is left as it is until then.
 */
export async function askModelLater(context: HandlerContext, engine: EngineContext, session: StoredSession, text: string): Promise<boolean> {
  if (!context.model || !wantsModel(engine, session.state, text)) return false;
  const data: FormModelData = { sessionId: session.id, step: session.step };
  await followUpLater(context, formModelFollowup, data);
  return true;
}

const wantsModel = (engine: EngineContext, state: DialogState, text: string) => questionsForModel(engine, state, text).length > 0;
