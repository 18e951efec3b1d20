/**
 * 档口情况 / /shops: the market manager's (and any staff member's) view of the shops in their scope
 * today, one short line a shop: flagged shops first, then those that have not answered, then the
 * well ones; the sums on top. Staff in scope see the names of flagged staff and why, never an ID
 * number or a phone. Each view is audited, since it shows health data.
 */

import { normalize } from '../../../dialogs/answers/index.ts';
import { t } from '../../../dialogs/messages/index.ts';
import { flaggedText } from '../../../dialogs/shop-status-answer.ts';
import { getArea } from '../../../store/areas.ts';
import { recordAudit, recordRefusal } from '../../../store/audit.ts';
import { shopStatusesFor, type ShopDayStatus } from '../../../store/shop-status.ts';
import { marketsInScope } from '../../../store/shops.ts';
import { staffOf, type StaffRecord } from '../../../store/staff.ts';
import { readAsStaffMember } from '../../../store/staff-reads.ts';
import type { HandlerContext } from '../../handler.ts';
import type { RouteRule } from '../../router.ts';

const viewWords = /^(?:档口情况|档口状态|商户情况|\/shops(?:@\S+)?|shops|shop status)$/i;

export const isViewRequest = (text: string) => viewWords.test(normalize(text).replace(/[\s?？!！.。]+$/u, '').trim());

type Standing = 'flagged' | 'unanswered' | 'normal';

const standingOf = (status: ShopDayStatus): Standing =>
  status.answer === null ? 'unanswered' : status.answer.flagged.length > 0 ? 'flagged' : 'normal';

const order: Record<Standing, number> = { flagged: 0, unanswered: 1, normal: 2 };

function shopLine(lang: string, status: ShopDayStatus): string {
  const base = { shop: status.shop.name, owner: status.ownerName ?? '—', count: status.staffCount };
  const standing = standingOf(status);
  if (standing === 'flagged') {
    return t(lang, 'market.view.flagged', { ...base, flagged: flaggedText(lang, status.answer?.flagged ?? []) });
  }
  if (standing === 'unanswered') return t(lang, status.reminded ? 'market.view.unanswered.reminded' : 'market.view.unanswered', base);
  return t(lang, 'market.view.normal', base);
}

/** One market's block: the sums, then a line a shop. */
export function marketView(lang: string, market: string, day: string, statuses: readonly ShopDayStatus[]): string {
  if (statuses.length === 0) return t(lang, 'market.view.no-shops', { market });
  const answered = statuses.filter((status) => status.answer !== null).length;
  const title = t(lang, 'market.view.title', {
    market,
    day,
    shops: statuses.length,
    staff: statuses.reduce((sum, status) => sum + status.staffCount, 0),
    answered,
    unanswered: statuses.length - answered,
    flagged: statuses.reduce((sum, status) => sum + (status.answer?.flagged.length ?? 0), 0),
  });
  const sorted = [...statuses].sort((a, b) => order[standingOf(a)] - order[standingOf(b)]);
  return [title, ...sorted.map((status) => shopLine(lang, status))].join('\n');
}

async function handleShopsView(context: HandlerContext, roles: readonly StaffRecord[]): Promise<void> {
  const { tx, lang } = context;
  const marketIds = await marketsInScope(tx, roles);
  if (marketIds.length === 0) {
    await recordRefusal(tx, { personId: context.message.account.personId, command: 'shops', reason: 'outside-scope', chatKind: context.message.chat.kind });
    context.reply(t(lang, 'market.view.refused'));
    return;
  }
  const statuses = await readAsStaffMember(tx, context.message.account.personId, (staffQ) =>
    shopStatusesFor(staffQ, context.cipher, marketIds, context.today),
  );
  const blocks: string[] = [];
  for (const marketId of marketIds) {
    const market = (await getArea(tx, marketId))?.name ?? '';
    blocks.push(marketView(lang, market, context.today, statuses.filter((status) => status.shop.marketId === marketId)));
  }
  await recordAudit(tx, {
    action: 'shops.view',
    actorPersonId: context.message.account.personId,
    actorStaffId: roles[0]?.id ?? null,
    details: { markets: marketIds, day: context.today, shops: statuses.length },
  });
  context.reply(blocks.join('\n\n'));
}

const viewers = new WeakMap<HandlerContext, StaffRecord[]>();

/**
 * Staff only: anyone else who writes 档口情况 gets what any unknown message gets. Asked in a group
 * (as /shops, or mentioning the bot), the view is not shown there: it names people who are unwell.
 */
export const shopsViewRule: RouteRule = {
  route: 'command',
  async matches(context) {
    const { message } = context;
    if (!isViewRequest(message.text)) return false;
    if (message.chat.kind !== 'private' && !message.mentionsBot && !message.text.trim().startsWith('/')) return false;
    const roles = await staffOf(context.tx, context.message.account.personId);
    if (roles.length === 0) return false;
    viewers.set(context, roles);
    return true;
  },
  async handle(context) {
    if (context.message.chat.kind !== 'private') {
      context.reply(t(context.lang, 'market.view.private-only'));
      return;
    }
    const roles = viewers.get(context) ?? (await staffOf(context.tx, context.message.account.personId));
    await handleShopsView(context, roles);
  },
};
