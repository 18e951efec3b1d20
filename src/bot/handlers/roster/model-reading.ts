/**
 * The lines of a list that the rules could not read, read by the model after the landlord has
 * the rules' list: the rows it finds join the landlord's open list, which is sent again. What it
 * cannot read, or a model that fails, changes nothing but a note.
 */

import { z } from 'zod';
import { t } from '../../../dialogs/messages/index.ts';
import { rosterReply, type ModelReading, type RosterParse, type UnreadLine } from '../../../dialogs/roster/index.ts';
import { maskText } from '../../../privacy/index.ts';
import { lockDraft, saveDraftRows } from '../../../store/roster-drafts.ts';
import { followUpLater } from '../../followups.ts';
import type { HandlerContext } from '../../handler.ts';
import { reflag } from './edit-rows.ts';
import { languageOf } from './language.ts';
import { senderPrivateChat } from './sender-chat.ts';

export const rosterModelFollowup = 'roster-model';

export const modelReadingData = z.object({
  draftId: z.number().int().positive(),
  /** The day the rules read the list against; the model's dates are read against it too. */
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  lines: z.array(z.object({ lineNo: z.number().int().positive(), text: z.string() })).min(1),
  /** A shop's staff have no room to give; a landlord's tenants do. */
  requireRoom: z.boolean().default(true),
});

export type ModelReadingData = z.infer<typeof modelReadingData>;

/** The lines still to be read, masked: a line may hold a number that no reader found. */
export const unreadLinesText = (lines: readonly UnreadLine[], lang: string): string =>
  lines.map((line) => (languageOf(lang) === 'en' ? `line ${line.lineNo}: ` : `第 ${line.lineNo} 行：`) + maskText(line.text)).join('\n');

/** Queues the model's reading of the lines the rules left, for the draft just opened. */
export async function askModelLater(context: HandlerContext, draftId: number, lines: readonly UnreadLine[], requireRoom = true): Promise<void> {
  const data: ModelReadingData = { draftId, today: context.today, lines: lines.map((line) => ({ lineNo: line.lineNo, text: line.text })), requireRoom };
  await followUpLater(context, rosterModelFollowup, data);
}

/**
 * A list as first shown: the rules' rows, then the lines they could not read; or, when a model will
 * read those (queued here), that it is reading them and the list comes again once it has.
 */
export async function firstListText(context: HandlerContext, draftId: number, parse: RosterParse, requireRoom = true): Promise<string> {
  const lang = languageOf(context.lang);
  if (context.model === null || parse.unreadLines.length === 0) return rosterReply(parse, lang);
  await askModelLater(context, draftId, parse.unreadLines, requireRoom);
  return `${rosterReply({ ...parse, unreadLines: [] }, lang)}\n${t(context.lang, 'roster.model.reading')}\n${unreadLinesText(parse.unreadLines, context.lang)}`;
}

/** What the model read, when it read nothing: the lines stay unread. */
export const nothingRead = (data: ModelReadingData): ModelReading => ({ rows: [], unreadLines: data.lines, model: { status: 'unused' } });

/**
 * In the transaction that finishes the model's reading: the rows it read join the list if the
 * landlord has not confirmed or dropped it meanwhile; the landlord hears of it privately.
 */
export async function applyModelReading(context: HandlerContext, data: ModelReadingData, reading: ModelReading): Promise<void> {
  const chatId = await senderPrivateChat(context);
  if (chatId === undefined) return;
  const say = (text: string) => context.say({ chatId, toAccountId: context.message.account.accountId, text });
  const lang = context.lang;
  const unread = reading.unreadLines.length > 0 ? `${t(lang, 'roster.model.unread')}\n${unreadLinesText(reading.unreadLines, lang)}` : '';
  const draft = await lockDraft(context.tx, context.cipher, data.draftId);
  if (reading.rows.length === 0) {
    say(unread);
    return;
  }
  if (draft?.status !== 'open') {
    say(t(lang, 'roster.model.too-late', { count: reading.rows.length }));
    return;
  }
  const rows = reflag([...draft.rows, ...reading.rows].sort((a, b) => a.lineNo - b.lineNo));
  await saveDraftRows(context.tx, context.cipher, draft.id, rows);
  const list = rosterReply({ isRoster: true, entries: rows, unreadLines: [] }, languageOf(lang));
  const howto = data.requireRoom ? 'roster.howto' : 'market.list.howto';
  say([t(lang, 'roster.model.updated'), list, ...(unread === '' ? [] : [unread]), '', t(lang, howto)].join('\n'));
}
