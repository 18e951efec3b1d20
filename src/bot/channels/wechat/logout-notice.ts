import { t } from '../../../dialogs/messages/index.ts';
import { getAccount } from '../../../store/accounts.ts';
import type { BotDeps } from '../../deps.ts';
import { staffAccountsCovering } from '../../handlers/staff-notify.ts';
import type { Reply } from '../../message.ts';
import { sayInTransaction } from '../../pipeline.ts';
import { channelPrivateChatIds, privateChatWith } from '../../private-chat.ts';
import { wechatPlatform } from './inbound.ts';

/**
 * When the bot's WeChat account is logged out, nobody in the WeChat groups hears from it until
 * someone scans the login code again. The community's admins and committee are told on every
 * other platform where the bot can write to them privately (not on WeChat: it is down).
 * Returns how many were told.
 */
export async function tellStaffWechatIsDown(deps: BotDeps, botName: string): Promise<number> {
  const privateChatIdOf = channelPrivateChatIds(deps);
  return sayInTransaction(deps, async (tx): Promise<Reply[]> => {
    const replies: Reply[] = [];
    for (const staff of await staffAccountsCovering(tx, null)) {
      if (staff.platform === wechatPlatform) continue;
      const chatId = await privateChatWith(tx, privateChatIdOf, {
        accountId: staff.account_id,
        platform: staff.platform,
        platformUserId: staff.platform_user_id,
      });
      if (chatId === undefined) continue;
      const { lang } = await getAccount(tx, staff.account_id);
      replies.push({ chatId, toAccountId: staff.account_id, text: t(lang, 'wechat.loggedOut', { name: botName }) });
    }
    return replies;
  });
}
