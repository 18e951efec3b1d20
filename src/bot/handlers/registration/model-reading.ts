import { readWithModel } from '../../../dialogs/answers/model-ask.ts';
import type { ModelReading } from '../../../dialogs/answers/model-reading.ts';
import { questionsForModel, type EngineContext } from '../../../dialogs/engine.ts';
import type { DialogState } from '../../../dialogs/state.ts';
import type { HandlerContext } from '../../handler.ts';

/**
 * How long a resident's answer may wait for the model: the call happens while the message is
 * handled, and past this the rules' request to answer again is sent as if there were no model.
 */
export const modelAnswerTimeoutMs = 15_000;

/**
 * What the configured model finds in an answer the rules cannot read, for the engine to read with
 * the rules; nothing without a model, or when the model fails in any way.
 */
export async function modelReadings(context: HandlerContext, engine: EngineContext, state: DialogState, text: string): Promise<ModelReading[]> {
  if (!context.model) return [];
  const questions = questionsForModel(engine, state, text);
  if (questions.length === 0) return [];
  const result = await readWithModel(context.model, questions, text, { timeoutMs: modelAnswerTimeoutMs });
  return result.ok ? result.readings : [];
}
