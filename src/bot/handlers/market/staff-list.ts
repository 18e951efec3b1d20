/**
 * A shop owner's staff list. Pasted in a market group, a list is the sender's shop's staff list
 * (the shop is made on the first one); pasted privately by someone who owns a shop and keeps no
 * tenant roster, it is that shop's too. From there on it is the roster flow's: the list comes back
 * masked in private, corrections and 确认 save it as the shop roster's next version.
 */

import { t } from '../../../dialogs/messages/index.ts';
import { parseRosterRules, rosterReply, type RosterParse } from '../../../dialogs/roster/index.ts';
import { namesOnlyRows, readShopListText, type ShopListText } from '../../../dialogs/shop-list.ts';
import { openRosterDraft } from '../../../store/roster-drafts.ts';
import { draftForShop, ensureShop, keepsTenantRoster, marketOfChat, shopsOwnedBy, type Shop } from '../../../store/shops.ts';
import type { HandlerContext } from '../../handler.ts';
import type { RouteRule } from '../../router.ts';
import { draftTurnOf } from '../roster/draft.ts';
import { languageOf } from '../roster/language.ts';
import { senderPrivateChat } from '../roster/sender-chat.ts';

interface ShopPaste {
  parse: RosterParse;
  /** The name the list's first line gives the shop, if any. */
  name: string | null;
  /** Where the shop is: the market of the group, or the shop the owner already has. */
  place: { marketId: number } | { shop: Shop };
}

const pastes = new WeakMap<HandlerContext, ShopPaste>();

/** The roster parser's reading; under a title line, names alone will do too. */
function shopListParse(list: ShopListText, today: string): RosterParse | undefined {
  const parse = parseRosterRules(list.body, today, { requireRoom: false });
  if (parse.isRoster) return parse;
  const rows = list.titled ? namesOnlyRows(list.body) : undefined;
  return rows ? { isRoster: true, entries: rows, unreadLines: [] } : undefined;
}

async function shopPasteOf(context: HandlerContext): Promise<ShopPaste | undefined> {
  const { message } = context;
  const text = message.text.trim();
  if (text.startsWith('/')) return undefined;
  if (message.chat.kind !== 'private') {
    const marketId = await marketOfChat(context.tx, message.chat.areaId);
    if (marketId === undefined) return undefined;
    const list = readShopListText(text);
    const parse = shopListParse(list, context.today);
    return parse ? { parse, name: list.name, place: { marketId } } : undefined;
  }
  const list = readShopListText(text);
  const parse = shopListParse(list, context.today);
  if (!parse) return undefined;
  const [shop] = await shopsOwnedBy(context.tx, message.account.personId);
  if (!shop || (await keepsTenantRoster(context.tx, message.account.personId))) return undefined;
  // A correction of the list the owner is checking (第2行手机 139…) is the roster flow's, not a new list.
  if (await draftTurnOf(context)) return undefined;
  return { parse, name: list.name, place: { shop } };
}

async function handleShopPaste(context: HandlerContext, paste: ShopPaste): Promise<void> {
  const { message, tx } = context;
  const lang = context.lang;
  const name = message.account.displayName ?? message.account.platformUserId;
  const privateChat = await senderPrivateChat(context);
  if (privateChat === undefined) {
    context.reply(t(lang, 'roster.group.invite', { name }));
    return;
  }
  const marketId = 'marketId' in paste.place ? paste.place.marketId : paste.place.shop.marketId;
  const shop = await ensureShop(tx, {
    ownerPersonId: message.account.personId,
    marketId,
    name: paste.name,
    defaultName: t('zh-CN', 'market.shop.default-name', { name }),
  });
  const draftId = await openRosterDraft(tx, context.cipher, {
    accountId: message.account.accountId,
    chatId: message.chat.id,
    sourceInboundId: message.id,
    rows: paste.parse.entries,
  });
  await draftForShop(tx, draftId, shop.id);
  const details = [
    t(lang, 'market.list.for', { shop: shop.name }),
    rosterReply(paste.parse, languageOf(lang)),
    '',
    t(lang, 'market.list.howto'),
  ].join('\n');
  if (message.chat.kind === 'private') {
    context.reply(details);
    return;
  }
  context.say({ chatId: privateChat, toAccountId: message.account.accountId, text: details });
  const bad = paste.parse.entries.filter((row) => !row.entry.valid).length;
  const count = paste.parse.entries.length;
  context.reply(t(lang, bad > 0 ? 'market.list.group.summary' : 'market.list.group.summary.ok', { name, shop: shop.name, count, bad }));
}

/** Before the landlord's roster rule: in a market, a list is a shop's staff list. */
export const shopListRule: RouteRule = {
  route: 'roster',
  async matches(context) {
    const paste = await shopPasteOf(context);
    if (!paste) return false;
    pastes.set(context, paste);
    return true;
  },
  async handle(context) {
    const paste = pastes.get(context) ?? (await shopPasteOf(context));
    if (paste) await handleShopPaste(context, paste);
  },
};
