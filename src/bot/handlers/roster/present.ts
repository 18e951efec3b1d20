/**
 * A roster as the bot first answers it, however it came (pasted, or sent as a file): the list as
 * understood goes to the landlord privately, since it names people and their numbers; a group
 * sees how many people and problems there are, and nothing more. Lines the rules could not read
 * go to the model, when one is configured, after this answer: the landlord hears that they are
 * being read, and gets the list again when they are. A shop's staff list is answered as a shop's.
 */

import { t } from '../../../dialogs/messages/index.ts';
import type { RosterParse } from '../../../dialogs/roster/index.ts';
import { openRosterDraft } from '../../../store/roster-drafts.ts';
import type { HandlerContext } from '../../handler.ts';
import { presentStaffList } from '../market/staff-list.ts';
import type { ListSource, SentList } from '../market/whose-list.ts';
import { firstListText } from './model-reading.ts';
import { senderPrivateChat } from './sender-chat.ts';

/** Any list, answered as its owner's kind of list. */
export async function presentSentList(context: HandlerContext, list: SentList, source: ListSource = {}): Promise<void> {
  if (list.kind === 'shop') await presentStaffList(context, list, source);
  else await presentRoster(context, list.parse, source);
}

export async function presentRoster(context: HandlerContext, parse: RosterParse, source: ListSource = {}): Promise<void> {
  const { message } = context;
  const name = message.account.displayName ?? message.account.platformUserId;
  const privateChat = await senderPrivateChat(context);
  if (privateChat === undefined) {
    context.reply(t(context.lang, 'roster.group.invite', { name }));
    return;
  }
  const draftId = await openRosterDraft(context.tx, context.cipher, {
    accountId: message.account.accountId,
    chatId: message.chat.id,
    sourceInboundId: message.id,
    sourceFile: source.file ?? null,
    rows: parse.entries,
  });
  const list = await firstListText(context, draftId, parse);
  const details = `${list}\n\n${t(context.lang, 'roster.howto')}`;
  if (message.chat.kind === 'private') {
    context.reply(details);
    return;
  }
  context.say({ chatId: privateChat, toAccountId: message.account.accountId, text: details });
  const bad = parse.entries.filter((row) => !row.entry.valid).length;
  const count = parse.entries.length;
  context.reply(t(context.lang, bad > 0 ? 'roster.group.summary' : 'roster.group.summary.ok', { name, count, bad }));
}
