/**
 * 档口名 3号档 王记猪肉: a shop owner names their shop, in the market group (which makes the shop
 * when it has none yet) or privately (their shop, once they have one).
 */

import { t } from '../../../dialogs/messages/index.ts';
import { readShopNameCommand } from '../../../dialogs/shop-list.ts';
import { ensureShop, marketOfChat, renameShop, shopsOwnedBy } from '../../../store/shops.ts';
import type { HandlerContext } from '../../handler.ts';
import type { RouteRule } from '../../router.ts';

const names = new WeakMap<HandlerContext, string>();

async function nameShop(context: HandlerContext, name: string): Promise<void> {
  const { message, tx } = context;
  const personId = message.account.personId;
  const marketId = message.chat.kind === 'private' ? undefined : await marketOfChat(tx, message.chat.areaId);
  if (marketId !== undefined) {
    const owner = message.account.displayName ?? message.account.platformUserId;
    const shop = await ensureShop(tx, { ownerPersonId: personId, marketId, name, defaultName: owner });
    context.reply(t(context.lang, 'market.name.set', { shop: shop.name }));
    return;
  }
  const [shop] = await shopsOwnedBy(tx, personId);
  if (!shop) {
    context.reply(t(context.lang, 'market.name.no-shop'));
    return;
  }
  context.reply(t(context.lang, 'market.name.set', { shop: (await renameShop(tx, shop, name)).name }));
}

/** In private always; in a group only in a market's group, so that other groups' talk is left alone. */
export const shopNameRule: RouteRule = {
  route: 'command',
  async matches(context) {
    const name = readShopNameCommand(context.message.text);
    if (name === undefined) return false;
    if (context.message.chat.kind !== 'private' && (await marketOfChat(context.tx, context.message.chat.areaId)) === undefined) return false;
    names.set(context, name);
    return true;
  },
  async handle(context) {
    const name = names.get(context) ?? readShopNameCommand(context.message.text);
    if (name !== undefined) await nameShop(context, name);
  },
};
