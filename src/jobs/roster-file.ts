import type { BotDeps } from '../bot/deps.ts';
import { FileTooLargeError } from '../bot/channels/files.ts';
import { finishRosterFile, problemOfReading, rosterFileData, rosterFileLimits, type FileOutcome } from '../bot/handlers/roster/file.ts';
import type { HandledMessage } from '../bot/handler.ts';
import type { InboundFile } from '../bot/message.ts';
import { RosterFileError } from '../dialogs/roster/index.ts';
import { rosterFileText } from '../dialogs/roster/file.ts';
import type { Finish, FollowupWork } from './followups.ts';

/** The file's bytes from its platform; a failure to fetch is thrown, to be tried again. */
async function fetchFile(deps: BotDeps, message: HandledMessage, file: InboundFile): Promise<Uint8Array | FileOutcome> {
  const channel = deps.channels.get(message.platform);
  if (channel?.readFile === undefined) return { kind: 'problem', problem: 'fetch-failed' };
  try {
    return await channel.readFile(file, rosterFileLimits.maxBytes);
  } catch (error) {
    if (error instanceof FileTooLargeError) return { kind: 'problem', problem: 'too-large' };
    throw error;
  }
}

/**
 * The file's rows as lines, within the limits; reading is not tried again: the same bytes read the
 * same way. Whose list it is, and so how its lines are read, is decided where it is answered.
 */
async function readFile(bytes: Uint8Array, file: InboundFile): Promise<FileOutcome> {
  try {
    return { kind: 'read', text: await rosterFileText(bytes, file.name, rosterFileLimits) };
  } catch (error) {
    return { kind: 'problem', problem: error instanceof RosterFileError ? problemOfReading(error.problem) : 'unreadable' };
  }
}

/**
 * A list sent as a file: fetched from the platform and opened outside any transaction (network
 * and a workbook take their time); the list is then answered as a paste is.
 */
export const rosterFileWork: FollowupWork = {
  async prepare(deps, data, message): Promise<Finish> {
    const { file } = rosterFileData.parse(data);
    const fetched = await fetchFile(deps, message, file);
    const outcome = fetched instanceof Uint8Array ? await readFile(fetched, file) : fetched;
    // Counts only: the rows hold personal data.
    deps.log.info(
      { inboundId: message.id, outcome: outcome.kind === 'read' ? 'read' : outcome.problem, lines: outcome.kind === 'read' ? outcome.text.split('\n').length : 0 },
      'read a file sent in chat',
    );
    return (context) => finishRosterFile(context, file, outcome);
  },
  giveUp(data): Finish {
    const { file } = rosterFileData.parse(data);
    return (context) => finishRosterFile(context, file, { kind: 'problem', problem: 'fetch-failed' });
  },
};
