import { applyModelReading, modelReadingData, nothingRead } from '../bot/handlers/roster/model-reading.ts';
import { readUnreadLines } from '../dialogs/roster/index.ts';
import type { Finish, FollowupWork } from './followups.ts';

/**
 * The lines of a list the rules could not read, put to the model after the landlord had the
 * rules' list; the model's answer (or its failure) then joins the list in one transaction.
 */
export const rosterModelWork: FollowupWork = {
  async prepare(deps, data, message): Promise<Finish> {
    const reading = modelReadingData.parse(data);
    const result = deps.model === null ? nothingRead(reading) : await readUnreadLines(reading.lines, reading.today, deps.model, { requireRoom: reading.requireRoom });
    // Counts only: the lines and the rows hold personal data.
    deps.log.info({ inboundId: message.id, model: result.model.status, lines: reading.lines.length, rows: result.rows.length }, 'the model read a roster');
    return (context) => applyModelReading(context, reading, result);
  },
  giveUp(data): Finish {
    const reading = modelReadingData.parse(data);
    return (context) => applyModelReading(context, reading, nothingRead(reading));
  },
};
