/**
 * The landlord's private answers to an open list: corrections row by row, 确认, 取消; and 是 to
 * the tenants that a saved list left out.
 */

import { t } from '../../../dialogs/messages/index.ts';
import { rosterReply, type RosterRow } from '../../../dialogs/roster/index.ts';
import { dropDraft, openDraftOf, saveDraftRows, type RosterDraft } from '../../../store/roster-drafts.ts';
import { shopOfDraft } from '../../../store/shops.ts';
import type { HandlerContext } from '../../handler.ts';
import { confirmRosterDraft } from './confirm.ts';
import { looksLikeRowCommand, parseRosterCommand, type RosterCommand } from './corrections.ts';
import { deleteRow, setField } from './edit-rows.ts';
import { languageOf } from './language.ts';

export interface DraftTurn {
  draft: RosterDraft;
  /** Null for a text that addresses a row but could not be read. */
  command: RosterCommand | null;
}

/** The open draft and what the landlord said to it; undefined when the message is not for the draft. */
export async function draftTurnOf(context: HandlerContext): Promise<DraftTurn | undefined> {
  const { message } = context;
  if (message.chat.kind !== 'private' || message.text.trim().startsWith('/')) return undefined;
  const command = parseRosterCommand(message.text);
  if (command === null && !looksLikeRowCommand(message.text)) return undefined;
  const draft = await openDraftOf(context.tx, context.cipher, message.account.accountId);
  return draft ? { draft, command } : undefined;
}

const listOf = (rows: readonly RosterRow[], lang: string): string =>
  rosterReply({ isRoster: true, entries: [...rows], unreadLines: [] }, languageOf(lang));

/** The one line of the list that shows row `number`, numbered as the whole list numbers it. */
const rowLine = (rows: readonly RosterRow[], number: number, lang: string): string =>
  listOf(rows, lang)
    .split('\n')
    .find((line) => line.startsWith(`${number}. `)) ?? '';

export async function handleDraftTurn(context: HandlerContext, turn: DraftTurn): Promise<void> {
  const { draft, command } = turn;
  const lang = context.lang;
  if (command === null) {
    context.reply(t(lang, 'roster.correction.unreadable', { howto: t(lang, 'roster.howto') }));
    return;
  }
  if (command.kind === 'cancel') {
    await dropDraft(context.tx, draft.id);
    context.reply(t(lang, 'roster.cancelled'));
    return;
  }
  if (command.kind === 'confirm') {
    await confirmRosterDraft(context, draft);
    return;
  }
  const rows =
    command.kind === 'set'
      ? setField(draft.rows, command.row, command.field, command.value, context.today, {
          // A shop's staff have no room to give.
          requireRoom: (await shopOfDraft(context.tx, draft.id)) === undefined,
        })
      : deleteRow(draft.rows, command.row);
  if (rows === undefined) {
    context.reply(t(lang, 'roster.row.missing', { number: command.row, count: draft.rows.length }));
    return;
  }
  await saveDraftRows(context.tx, context.cipher, draft.id, rows);
  if (command.kind === 'set') {
    context.reply(t(lang, 'roster.row.updated', { number: command.row, row: rowLine(rows, command.row, lang) }));
    return;
  }
  const name = draft.rows[command.row - 1]?.entry.name ?? '—';
  // The rows after the deleted one move up: the whole list is shown again with its new numbers.
  context.reply(`${t(lang, 'roster.row.deleted', { number: command.row, name, count: rows.length })}\n${listOf(rows, lang)}`);
}
