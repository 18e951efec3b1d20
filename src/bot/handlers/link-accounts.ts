import { normalize } from '../../dialogs/answers/index.ts';
import { t } from '../../dialogs/messages/index.ts';
import { one } from '../../store/db.ts';
import { createLinkCode, linkCodeTtlMinutes, redeemLinkCode } from '../../store/link-codes.ts';
import { mergePersonInto } from '../../store/merge.ts';
import { relinkWechatAccount } from '../../store/wechat-accounts.ts';
import type { HandlerContext } from '../handler.ts';
import type { RouteRule } from '../router.ts';

/**
 * One person, several accounts: /link (关联账号) in a private chat shows a one-time code;
 * "关联 CODE" (or /link CODE) in a private chat on another platform joins the two accounts'
 * records into one person. A code that staff issued for a WeChat account whose id changed
 * (`linli persons relink-code`) moves that account to the id it is sent from.
 */
const wechatPlatform = 'wechat';
const askForCode = /^(?:\/link(?:@\S+)?|关联账号|关联|link account)$/i;
const giveCode = /^(?:\/link(?:@\S+)?|关联账号|关联|link)\s+([A-Za-z0-9]{6})$/i;

async function showCode(context: HandlerContext): Promise<void> {
  const code = await createLinkCode(context.tx, context.message.account.accountId, context.now);
  context.reply(t(context.lang, 'link.code', { code, minutes: linkCodeTtlMinutes }));
}

async function useCode(context: HandlerContext, typed: string): Promise<void> {
  const owner = await redeemLinkCode(context.tx, typed, context.now);
  if (!owner) {
    context.reply(t(context.lang, 'link.unknown'));
    return;
  }
  const ownerAccount = await one<{ person_id: number; platform: string; platform_user_id: string }>(
    context.tx,
    'SELECT person_id, platform, platform_user_id FROM accounts WHERE id = $1',
    [owner.accountId],
  );
  const mine = context.message.account;
  if (owner.accountId === mine.accountId) {
    context.reply(t(context.lang, 'link.same'));
    return;
  }
  if (owner.purpose === 'relink' && ownerAccount.platform === wechatPlatform && context.message.platform === wechatPlatform) {
    await relinkWechatAccount(context.tx, ownerAccount.platform_user_id, mine.platformUserId);
    // This account row is gone now: the old one answers to this id, so the reply is addressed to it.
    context.say({ chatId: context.message.chat.id, toAccountId: owner.accountId, text: t(context.lang, 'link.relinked') });
    return;
  }
  if (ownerAccount.person_id === mine.personId) {
    context.reply(t(context.lang, 'link.same'));
    return;
  }
  await mergePersonInto(context.tx, ownerAccount.person_id, mine.personId);
  context.reply(t(context.lang, 'link.done'));
}

export const linkAccountsRule: RouteRule = {
  route: 'command',
  matches(context) {
    if (context.message.chat.kind !== 'private') return false;
    const text = normalize(context.message.text);
    return askForCode.test(text) || giveCode.test(text);
  },
  async handle(context) {
    const text = normalize(context.message.text);
    const code = giveCode.exec(text)?.[1];
    if (code) await useCode(context, code);
    else await showCode(context);
  },
};
