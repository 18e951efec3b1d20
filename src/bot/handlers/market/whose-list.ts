/**
 * Whose list a message's list is, however it came (pasted, or sent as a file): the one place that
 * tells a shop's staff list from a landlord's roster of tenants, so that both ways of sending a
 * list end in the same place. In a group bound to a market it is the sender's shop's staff list;
 * privately it is their shop's when they own one and keep no tenant roster; anywhere else it is
 * a landlord's roster.
 */

import { parseRosterRules, type RosterParse } from '../../../dialogs/roster/index.ts';
import { namesOnlyRows, readShopListText } from '../../../dialogs/shop-list.ts';
import { keepsTenantRoster, marketOfChat, shopsOwnedBy, type Shop } from '../../../store/shops.ts';
import type { HandlerContext } from '../../handler.ts';

/** Where a staff list's shop is: the market of the group, or the shop the owner already has. */
export type ShopPlace = { marketId: number } | { shop: Shop };

export type ListOwner = { kind: 'shop'; place: ShopPlace } | { kind: 'landlord' };

/** A shop's staff list as read from a message or a file. */
export interface StaffList {
  kind: 'shop';
  place: ShopPlace;
  /** The name the list's first line gives the shop; null when it gives none. */
  name: string | null;
  parse: RosterParse;
}

/** How a list came, beyond its text: the name of the file it was sent in (stored masked). */
export interface ListSource {
  file?: string;
}

/** A list as read for its owner. */
export type SentList = StaffList | { kind: 'landlord'; parse: RosterParse };

export async function listOwnerOf(context: Pick<HandlerContext, 'message' | 'tx'>): Promise<ListOwner> {
  const { message, tx } = context;
  if (message.chat.kind !== 'private') {
    const marketId = await marketOfChat(tx, message.chat.areaId);
    return marketId === undefined ? { kind: 'landlord' } : { kind: 'shop', place: { marketId } };
  }
  const [shop] = await shopsOwnedBy(tx, message.account.personId);
  if (!shop || (await keepsTenantRoster(tx, message.account.personId))) return { kind: 'landlord' };
  return { kind: 'shop', place: { shop } };
}

/**
 * The text read as its owner's kind of list; undefined when it is no list. Staff have no room to
 * give, and under a title line (员工名单) names alone will do.
 */
export function readListAs(owner: ListOwner, text: string, today: string): SentList | undefined {
  if (owner.kind === 'landlord') {
    const parse = parseRosterRules(text, today);
    return parse.isRoster ? { kind: 'landlord', parse } : undefined;
  }
  const list = readShopListText(text);
  const parse = parseRosterRules(list.body, today, { requireRoom: false });
  if (parse.isRoster) return { kind: 'shop', place: owner.place, name: list.name, parse };
  const rows = list.titled ? namesOnlyRows(list.body) : undefined;
  return rows ? { kind: 'shop', place: owner.place, name: list.name, parse: { isRoster: true, entries: rows, unreadLines: [] } } : undefined;
}
