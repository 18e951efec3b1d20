import type { BotDeps } from '../bot/deps.ts';
import type { HandledMessage } from '../bot/handler.ts';
import { runDialogStepWithReadings } from '../bot/handlers/registration/dialog.ts';
import { sessionEngine } from '../bot/handlers/registration/engine-context.ts';
import { formModelData, modelAnswerTimeoutMs, type FormModelData } from '../bot/handlers/registration/model-reading.ts';
import type { ModelReading } from '../dialogs/answers/model-reading.ts';
import { questionsForModel } from '../dialogs/engine.ts';
import type { Question } from '../dialogs/form.ts';
import { getSession } from '../store/dialog-sessions.ts';
import type { Finish, FollowupWork } from './followups.ts';

/** The questions to put to the model, or none when the form is no longer where the answer was given. */
async function questionsAt(deps: BotDeps, at: FormModelData, message: HandledMessage, today: string): Promise<Question[]> {
  return deps.db.transaction(async (tx) => {
    const session = await getSession(tx, deps.cipher, at.sessionId);
    if (!session || session.status !== 'active' || session.step !== at.step) return [];
    const engine = await sessionEngine(tx, session, message.account.lang, today);
    return questionsForModel(engine, session.state, message.text);
  });
}

const stepWith = (at: FormModelData, readings: readonly ModelReading[]): Finish => (context) => runDialogStepWithReadings(context, at, readings);

/**
 * A registration answer the rules could not read, put to the model outside any transaction. A
 * model that fails is not tried again: the resident is waiting, and the rules' request to answer
 * again (the step without readings) is the answer then.
 */
export const formModelWork: FollowupWork = {
  async prepare(deps, data, message, today): Promise<Finish> {
    const at = formModelData.parse(data);
    const questions = await questionsAt(deps, at, message, today);
    if (questions.length === 0 || deps.model === null) return stepWith(at, []);
    // The model's client library is loaded the first time a model is asked, not by every process.
    const { readWithModel } = await import('../dialogs/answers/model-ask.ts');
    const result = await readWithModel(deps.model, questions, message.text, { timeoutMs: modelAnswerTimeoutMs });
    // The outcome only: the answer is the resident's personal data.
    deps.log.info({ inboundId: message.id, model: result.ok ? 'read' : result.problem, found: result.ok ? result.readings.length : 0 }, 'the model read a registration answer');
    return stepWith(at, result.ok ? result.readings : []);
  },
  giveUp(data): Finish {
    return stepWith(formModelData.parse(data), []);
  },
};
