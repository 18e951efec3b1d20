/**
 * A list sent as a file (.xlsx or .csv), in a group or privately: it gets exactly the answer of
 * the same list pasted in the same place, once a job has fetched it after this message's
 * transaction. In a market group it is a shop's staff list, elsewhere a landlord's roster, as
 * whose-list.ts decides for a paste. Privately, any file is answered: a file that is no
 * spreadsheet, or no list, with what to send instead. In a group the bot speaks only of a
 * spreadsheet that turns out to be a list, or when the sender addressed it: other people's
 * documents make no noise.
 */

import { z } from 'zod';
import { t, type MessageKey } from '../../../dialogs/messages/index.ts';
import { fileKind, type RosterFileProblem } from '../../../dialogs/roster/index.ts';
import { followUpLater } from '../../followups.ts';
import type { HandlerContext } from '../../handler.ts';
import { inboundFileSchema, type InboundFile } from '../../message.ts';
import type { RouteRule } from '../../router.ts';
import { listOwnerOf, readListAs } from '../market/whose-list.ts';
import { presentSentList } from './present.ts';

export const rosterFileFollowup = 'roster-file';

export const rosterFileData = z.object({ file: inboundFileSchema });

/** A landlord's list is a few hundred rows at most; a community's whole register is not sent in chat. */
export const rosterFileLimits = { maxBytes: 5 * 1024 * 1024, maxRows: 5000, maxUnpackedBytes: 50 * 1024 * 1024 } as const;

export type FileProblem = 'other' | 'old-excel' | 'unreadable' | 'empty' | 'too-large' | 'too-many-rows' | 'fetch-failed';

/**
 * A fetched file: its rows as the lines of a pasted table (cells separated by tabs), read as a
 * list only in the transaction that answers it, once it is known whose list it is.
 */
export type FileOutcome = { kind: 'read'; text: string } | { kind: 'problem'; problem: FileProblem };

const PROBLEM_TEXTS: Readonly<Record<FileProblem, MessageKey>> = {
  other: 'roster.file.other',
  'old-excel': 'roster.file.old-excel',
  unreadable: 'roster.file.unreadable',
  empty: 'roster.file.empty',
  'too-large': 'roster.file.too-large',
  'too-many-rows': 'roster.file.too-many-rows',
  'fetch-failed': 'roster.file.fetch-failed',
};

/** What the reader's refusal of a file means to the person who sent it. */
export const problemOfReading = (problem: RosterFileProblem): FileProblem => (problem === 'not-a-spreadsheet' ? 'unreadable' : problem);

const addressed = (context: HandlerContext): boolean => context.message.chat.kind === 'private' || context.message.mentionsBot;

function tellProblem(context: HandlerContext, file: InboundFile, problem: FileProblem): void {
  if (!addressed(context)) return;
  context.reply(
    t(context.lang, PROBLEM_TEXTS[problem], {
      // Stored masked (ingest): a file's name may hold a number as well as its contents.
      file: file.name,
      mb: rosterFileLimits.maxBytes / (1024 * 1024),
      rows: rosterFileLimits.maxRows,
    }),
  );
}

const isTooLarge = (file: InboundFile): boolean => file.size !== undefined && file.size > rosterFileLimits.maxBytes;

/** The problem a file shows before it is fetched: not a spreadsheet, an old .xls, or too large. */
function problemBeforeReading(file: InboundFile): FileProblem | undefined {
  const kind = fileKind(file.name, file.mimeType);
  if (kind !== 'spreadsheet') return kind;
  return isTooLarge(file) ? 'too-large' : undefined;
}

/**
 * A message with a file, before any other rule: a file is never the answer to a form. In a
 * group, only a spreadsheet worth fetching is taken, or any file when the bot is addressed.
 */
export const rosterFileRule: RouteRule = {
  route: 'roster',
  matches(context) {
    const file = context.message.files[0];
    if (file === undefined) return false;
    return addressed(context) || problemBeforeReading(file) === undefined;
  },
  async handle(context) {
    const file = context.message.files[0];
    if (file === undefined) return;
    const problem = problemBeforeReading(file);
    if (problem !== undefined) {
      tellProblem(context, file, problem);
      return;
    }
    await followUpLater(context, rosterFileFollowup, { file });
  },
};

/** Once the file is fetched: the list, as for the same list pasted here; or what was wrong with the file. */
export async function finishRosterFile(context: HandlerContext, file: InboundFile, outcome: FileOutcome): Promise<void> {
  if (outcome.kind === 'problem') {
    tellProblem(context, file, outcome.problem);
    return;
  }
  const owner = await listOwnerOf(context);
  const list = readListAs(owner, outcome.text, context.today);
  if (list === undefined) {
    const notList = owner.kind === 'shop' ? 'market.list.file.not-list' : 'roster.file.not-roster';
    if (addressed(context)) context.reply(t(context.lang, notList, { file: file.name }));
    return;
  }
  await presentSentList(context, list, { file: file.name });
}
