/**
 * The shop owner's answer to the morning question: 正常, or who is unwell and why. Names are read
 * against the shop's latest staff list; a name not on it is refused with the list, and nothing is
 * saved. Each answer is kept; the last one of the day is the day's status.
 */

import { parseCommand } from '../../command.ts';
import { t } from '../../../dialogs/messages/index.ts';
import { flaggedText, readShopStatus, type ShopStatusReading } from '../../../dialogs/shop-status-answer.ts';
import { getArea } from '../../../store/areas.ts';
import { hasAnswered, saveAnswer } from '../../../store/shop-status.ts';
import { marketOfChat, shopAskedOf, shopsOwnedBy, staffOfShop, type Shop } from '../../../store/shops.ts';
import type { HandlerContext } from '../../handler.ts';
import type { RouteRule } from '../../router.ts';
import { tellStaff } from '../staff-notify.ts';

interface StatusTurn {
  shop: Shop;
  versionId: number | null;
  staffNames: string[];
  answered: boolean;
  reading: ShopStatusReading;
}

const turns = new WeakMap<HandlerContext, StatusTurn>();

interface ShopInQuestion {
  shop: Shop;
  /** Whether the bot asked about it today; an owner may also report before being asked. */
  asked: boolean;
}

/**
 * The shop a message may be about: the owner's shop asked about today (in the group's market, in
 * a market group); privately, else their first shop, for an owner who reports before being asked.
 */
async function shopInQuestionOf(context: HandlerContext): Promise<ShopInQuestion | undefined> {
  const { message, tx } = context;
  const personId = message.account.personId;
  if (message.chat.kind !== 'private') {
    const marketId = await marketOfChat(tx, message.chat.areaId);
    const shop = marketId === undefined ? undefined : await shopAskedOf(tx, personId, context.today, marketId);
    return shop ? { shop, asked: true } : undefined;
  }
  const asked = await shopAskedOf(tx, personId, context.today, null);
  if (asked) return { shop: asked, asked: true };
  const [shop] = await shopsOwnedBy(tx, personId);
  return shop ? { shop, asked: false } : undefined;
}

async function statusTurnOf(context: HandlerContext): Promise<StatusTurn | undefined> {
  const { message } = context;
  const text = message.text.trim();
  if (text === '' || text.startsWith('/') || parseCommand(text)) return undefined;
  const inQuestion = await shopInQuestionOf(context);
  if (!inQuestion) return undefined;
  const { shop, asked } = inQuestion;
  const { versionId, staff } = await staffOfShop(context.tx, context.cipher, shop.id);
  if (versionId === null) return undefined;
  const staffNames = staff.flatMap((person) => (person.name ? [person.name] : []));
  const reading = readShopStatus(text, staffNames);
  const answered = await hasAnswered(context.tx, shop.id, context.today);
  if (!takes(message.chat.kind === 'private', message.mentionsBot, asked, answered, reading)) return undefined;
  return { shop, versionId, staffNames, answered, reading };
}

/**
 * In private, anything but a command while the day's question is open is an attempt at an answer;
 * once answered, what reads as a status corrects it; before the question, a plain answer (正常, or
 * staff of the list with a status) is a report. The market group talks: there, unless the bot is
 * mentioned, only a plain answer to a question still open is taken, and nothing else is answered.
 */
function takes(isPrivate: boolean, mentioned: boolean, asked: boolean, answered: boolean, reading: ShopStatusReading): boolean {
  const plain = reading.kind === 'all-normal' || reading.kind === 'flagged';
  const open = asked && !answered;
  if (!isPrivate) return mentioned ? reading.kind !== 'unreadable' : open && plain;
  if (open) return true;
  return asked ? reading.kind !== 'unreadable' : plain;
}

async function handleStatus(context: HandlerContext, turn: StatusTurn): Promise<void> {
  const { shop, reading } = turn;
  const lang = context.lang;
  const isPrivate = context.message.chat.kind === 'private';
  // A group sees no one's name but the one the owner wrote.
  const example = isPrivate ? (turn.staffNames[0] ?? '张三') : '张三';
  if (reading.kind === 'unknown-names') {
    const names = reading.names.join(t(lang, 'market.view.separator'));
    const staff = turn.staffNames.join(t(lang, 'market.view.separator'));
    context.reply(t(lang, isPrivate ? 'market.status.unknown-names' : 'market.status.unknown-names.group', { shop: shop.name, names, staff, example }));
    return;
  }
  if (reading.kind === 'missing-status') {
    context.reply(t(lang, 'market.status.missing-status', { names: reading.names.join(t(lang, 'market.view.separator')), example }));
    return;
  }
  if (reading.kind === 'unreadable') {
    context.reply(t(lang, 'market.status.unreadable', { shop: shop.name, example }));
    return;
  }
  const flagged = reading.kind === 'flagged' ? reading.flagged : [];
  await saveAnswer(context.tx, context.cipher, {
    shopId: shop.id,
    day: context.today,
    versionId: turn.versionId,
    answeredBy: context.message.account.personId,
    sourceInboundId: context.message.id,
    status: { allNormal: flagged.length === 0, flagged },
  });
  const lines = [
    // The group reads the thanks only: who is unwell is for the owner and the staff.
    !isPrivate
      ? t(lang, 'market.status.recorded.group', { shop: shop.name })
      : flagged.length === 0
        ? t(lang, 'market.status.recorded.normal', { shop: shop.name })
        : t(lang, 'market.status.recorded.flagged', { shop: shop.name, flagged: flaggedText(lang, flagged) }),
  ];
  if (turn.answered) lines.push(t(lang, 'market.status.replaced'));
  context.reply(lines.join('\n'));
  if (flagged.length > 0) {
    const owner = context.message.account.displayName ?? context.message.account.platformUserId;
    const market = (await getArea(context.tx, shop.marketId))?.name ?? '';
    await tellStaff(context, shop.marketId, t('zh-CN', 'market.status.staff-alert', { market, shop: shop.name, owner, flagged: flaggedText('zh-CN', flagged) }));
  }
}

export const shopStatusRule: RouteRule = {
  route: 'dialog',
  async matches(context) {
    const turn = await statusTurnOf(context);
    if (!turn) return false;
    turns.set(context, turn);
    return true;
  },
  async handle(context) {
    const turn = turns.get(context) ?? (await statusTurnOf(context));
    if (turn) await handleStatus(context, turn);
  },
};
