/**
 * A shop owner's staff list. Pasted (or sent as a file) in a market group, a list is the sender's
 * shop's staff list (the shop is made on the first one); privately, from someone who owns a shop
 * and keeps no tenant roster, it is that shop's too (whose-list.ts decides). From there on it is
 * the roster flow's: the list comes back masked in private, corrections and 确认 save it as the
 * shop roster's next version.
 */

import { t } from '../../../dialogs/messages/index.ts';
import { openRosterDraft } from '../../../store/roster-drafts.ts';
import { draftForShop, ensureShop } from '../../../store/shops.ts';
import type { HandlerContext } from '../../handler.ts';
import type { RouteRule } from '../../router.ts';
import { draftTurnOf } from '../roster/draft.ts';
import { firstListText } from '../roster/model-reading.ts';
import { senderPrivateChat } from '../roster/sender-chat.ts';
import { listOwnerOf, readListAs, type ListSource, type StaffList } from './whose-list.ts';

/** The list back to its owner privately; in the group, how many people and problems, and nothing more. */
export async function presentStaffList(context: HandlerContext, list: StaffList, source: ListSource = {}): Promise<void> {
  const { message, tx } = context;
  const lang = context.lang;
  const name = message.account.displayName ?? message.account.platformUserId;
  const privateChat = await senderPrivateChat(context);
  if (privateChat === undefined) {
    context.reply(t(lang, 'roster.group.invite', { name }));
    return;
  }
  const marketId = 'marketId' in list.place ? list.place.marketId : list.place.shop.marketId;
  const shop = await ensureShop(tx, {
    ownerPersonId: message.account.personId,
    marketId,
    name: list.name,
    defaultName: t('zh-CN', 'market.shop.default-name', { name }),
  });
  const draftId = await openRosterDraft(tx, context.cipher, {
    accountId: message.account.accountId,
    chatId: message.chat.id,
    sourceInboundId: message.id,
    sourceFile: source.file ?? null,
    rows: list.parse.entries,
  });
  await draftForShop(tx, draftId, shop.id);
  const details = [
    t(lang, 'market.list.for', { shop: shop.name }),
    await firstListText(context, draftId, list.parse, false),
    '',
    t(lang, 'market.list.howto'),
  ].join('\n');
  if (message.chat.kind === 'private') {
    context.reply(details);
    return;
  }
  context.say({ chatId: privateChat, toAccountId: message.account.accountId, text: details });
  const bad = list.parse.entries.filter((row) => !row.entry.valid).length;
  const count = list.parse.entries.length;
  context.reply(t(lang, bad > 0 ? 'market.list.group.summary' : 'market.list.group.summary.ok', { name, shop: shop.name, count, bad }));
}

const pastes = new WeakMap<HandlerContext, StaffList>();

async function staffPasteOf(context: HandlerContext): Promise<StaffList | undefined> {
  const text = context.message.text.trim();
  if (text.startsWith('/')) return undefined;
  const owner = await listOwnerOf(context);
  if (owner.kind !== 'shop') return undefined;
  // A correction of the list the owner is checking (第2行手机 139…) is the roster flow's, not a new list.
  if (context.message.chat.kind === 'private' && (await draftTurnOf(context))) return undefined;
  const list = readListAs(owner, text, context.today);
  return list?.kind === 'shop' ? list : undefined;
}

/** Before the landlord's roster rule: a list that is a shop's is taken here, anything else left to it. */
export const shopListRule: RouteRule = {
  route: 'roster',
  async matches(context) {
    const list = await staffPasteOf(context);
    if (!list) return false;
    pastes.set(context, list);
    return true;
  },
  async handle(context) {
    const list = pastes.get(context) ?? (await staffPasteOf(context));
    if (list) await presentStaffList(context, list);
  },
};
