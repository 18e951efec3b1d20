import { t } from '../../../dialogs/messages/index.ts';
import { looksLikeRoster, parseRosterRules, rosterReply } from '../../../dialogs/roster/index.ts';
import { openRosterDraft, type RosterDraft } from '../../../store/roster-drafts.ts';
import type { HandlerContext } from '../../handler.ts';
import { privateChatWith } from '../../private-chat.ts';
import type { RouteRule } from '../../router.ts';
import { moveOutAnswerOf, recordMoveOut } from './confirm.ts';
import { draftTurnOf, handleDraftTurn, type DraftTurn } from './draft.ts';
import { languageOf } from './language.ts';

/** A landlord's paste, group or private: only a message that carries people is one. */
export function isRosterPaste(context: HandlerContext): boolean {
  const text = context.message.text.trim();
  return !text.startsWith('/') && looksLikeRoster(text, context.today);
}

/**
 * The list as understood goes to the landlord privately, since it names people and their
 * numbers; a group sees how many people and problems there are, and nothing more.
 */
export async function handleRosterPaste(context: HandlerContext): Promise<void> {
  const { message } = context;
  const parse = parseRosterRules(message.text, context.today);
  if (!parse.isRoster) return;
  const name = message.account.displayName ?? message.account.platformUserId;
  const privateChat =
    message.chat.kind === 'private'
      ? message.chat.id
      : await privateChatWith(context.tx, context.privateChatId, {
          accountId: message.account.accountId,
          platform: message.platform,
          platformUserId: message.account.platformUserId,
        });
  if (privateChat === undefined) {
    context.reply(t(context.lang, 'roster.group.invite', { name }));
    return;
  }
  await openRosterDraft(context.tx, context.cipher, {
    accountId: message.account.accountId,
    chatId: message.chat.id,
    sourceInboundId: message.id,
    rows: parse.entries,
  });
  const details = `${rosterReply(parse, languageOf(context.lang))}\n\n${t(context.lang, 'roster.howto')}`;
  if (message.chat.kind === 'private') {
    context.reply(details);
    return;
  }
  context.say({ chatId: privateChat, toAccountId: message.account.accountId, text: details });
  const bad = parse.entries.filter((row) => !row.entry.valid).length;
  const count = parse.entries.length;
  context.reply(t(context.lang, bad > 0 ? 'roster.group.summary' : 'roster.group.summary.ok', { name, count, bad }));
}

type RosterTurn =
  | { kind: 'draft'; turn: DraftTurn }
  | { kind: 'move-out'; draft: RosterDraft }
  | { kind: 'paste' };

const turns = new WeakMap<HandlerContext, RosterTurn>();

async function rosterTurnOf(context: HandlerContext): Promise<RosterTurn | undefined> {
  const turn = await draftTurnOf(context);
  if (turn) return { kind: 'draft', turn };
  const awaiting = await moveOutAnswerOf(context);
  if (awaiting) return { kind: 'move-out', draft: awaiting };
  return isRosterPaste(context) ? { kind: 'paste' } : undefined;
}

/**
 * A pasted roster, in a group or in private; and, in private, what the landlord says to the list
 * they pasted (corrections, 确认, 取消) or to the tenants it left out (是). Only an account with an
 * open list has its corrections taken here, so nobody else's message is caught.
 */
export const rosterRule: RouteRule = {
  route: 'roster',
  async matches(context) {
    const turn = await rosterTurnOf(context);
    if (!turn) return false;
    turns.set(context, turn);
    return true;
  },
  async handle(context) {
    const turn = turns.get(context) ?? (await rosterTurnOf(context));
    if (turn?.kind === 'draft') await handleDraftTurn(context, turn.turn);
    else if (turn?.kind === 'move-out') await recordMoveOut(context, turn.draft);
    else if (turn?.kind === 'paste') await handleRosterPaste(context);
  },
};
