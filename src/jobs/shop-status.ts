import type { BotDeps } from '../bot/deps.ts';
import type { Reply } from '../bot/message.ts';
import { sayInTransaction } from '../bot/pipeline.ts';
import { channelPrivateChatIds, privateChatOfPerson } from '../bot/private-chat.ts';
import { t } from '../dialogs/messages/index.ts';
import type { Queryable } from '../store/db.ts';
import { hasAnswered, recordAsk, takeDueReminders } from '../store/shop-status.ts';
import { personLanguage } from '../store/persons.ts';
import { allMarkets, shopsOfMarkets, staffCount, type Shop } from '../store/shops.ts';
import { localDay } from '../time.ts';

/**
 * The morning question to every shop owner about their staff, and one reminder later in the day.
 * Both run on a schedule as queue jobs; running one twice on a day asks no one twice.
 */

export const shopStatusAskJob = 'shop-status-ask';
export const shopStatusRemindJob = 'shop-status-remind';

interface Reach {
  chatId: number;
  accountId: number;
}

/**
 * Where the bot can ask the owner: privately where the platform lets it (or the owner opened a
 * private chat), else in the market's group, addressed to them (WeChat: the bot cannot write first).
 */
async function reachOwner(deps: BotDeps, tx: Queryable, shop: Shop): Promise<Reach | undefined> {
  const direct = await privateChatOfPerson(tx, channelPrivateChatIds(deps), shop.ownerPersonId);
  if (direct) return direct;
  const rows = await tx.query<{ chat_id: number; account_id: number }>(
    `SELECT c.id AS chat_id, a.id AS account_id FROM chats c JOIN accounts a ON a.platform = c.platform AND a.person_id = $1
     WHERE c.area_id = $2 AND c.kind <> 'private'
     ORDER BY (c.kind = 'market') DESC,
              (c.id IN (SELECT m.chat_id FROM roster_versions v JOIN inbound_messages m ON m.id = v.source_inbound_id
                        WHERE v.roster_id = $3)) DESC, c.id
     LIMIT 1`,
    [shop.ownerPersonId, shop.marketId, shop.id],
  );
  const row = rows[0];
  return row ? { chatId: row.chat_id, accountId: row.account_id } : undefined;
}

/** Asks each shop with staff on its list; returns how many questions were sent. */
export async function askShopStatus(deps: BotDeps): Promise<number> {
  const today = localDay(deps.clock(), deps.timeZone);
  return sayInTransaction(deps, async (tx) => {
    const replies: Reply[] = [];
    for (const shop of await shopsOfMarkets(tx, await allMarkets(tx))) {
      // An owner who reported before the question is not asked.
      if ((await staffCount(tx, shop.id)) === 0 || (await hasAnswered(tx, shop.id, today))) continue;
      const reach = await reachOwner(deps, tx, shop);
      const asked = await recordAsk(tx, { shopId: shop.id, day: today, chatId: reach?.chatId ?? null, accountId: reach?.accountId ?? null });
      if (!asked || !reach) continue;
      const lang = await personLanguage(tx, shop.ownerPersonId);
      replies.push({ chatId: reach.chatId, toAccountId: reach.accountId, text: t(lang, 'market.status.ask', { shop: shop.name }) });
    }
    return replies;
  });
}

/** Reminds once each owner asked today who has not answered; after that the shop shows as not answered. */
export async function remindShopStatus(deps: BotDeps): Promise<number> {
  const today = localDay(deps.clock(), deps.timeZone);
  return sayInTransaction(deps, async (tx) => {
    const due = await takeDueReminders(tx, today);
    return due.map((ask) => ({ chatId: ask.chatId, toAccountId: ask.accountId, text: t(ask.lang, 'market.status.remind', { shop: ask.shopName }) }));
  });
}
