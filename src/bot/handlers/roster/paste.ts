import { looksLikeRoster, parseRosterRules } from '../../../dialogs/roster/index.ts';
import type { RosterDraft } from '../../../store/roster-drafts.ts';
import type { HandlerContext } from '../../handler.ts';
import type { RouteRule } from '../../router.ts';
import { moveOutAnswerOf, recordMoveOut } from './confirm.ts';
import { draftTurnOf, handleDraftTurn, type DraftTurn } from './draft.ts';
import { presentRoster } from './present.ts';

/** A landlord's paste, group or private: only a message that carries people is one. */
export function isRosterPaste(context: HandlerContext): boolean {
  const text = context.message.text.trim();
  return !text.startsWith('/') && looksLikeRoster(text, context.today);
}

/** A pasted list gets the answer of any list: privately the list, in a group only the summary. */
export async function handleRosterPaste(context: HandlerContext): Promise<void> {
  const parse = parseRosterRules(context.message.text, context.today);
  if (parse.isRoster) await presentRoster(context, parse);
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
