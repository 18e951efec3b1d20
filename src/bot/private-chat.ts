import { findOrCreateChat } from '../store/chats.ts';
import type { Queryable } from '../store/db.ts';
import type { BotDeps } from './deps.ts';

export type PrivateChatIdOf = (platform: string, platformUserId: string) => string | undefined;

/** The private chat ids the running channels can open: a channel that cannot write first gives none. */
export const channelPrivateChatIds =
  (deps: Pick<BotDeps, 'channels'>): PrivateChatIdOf =>
  (platform, platformUserId) =>
    deps.channels.get(platform)?.privateChatId?.(platformUserId);

export interface AccountOnPlatform {
  accountId: number;
  platform: string;
  platformUserId: string;
}

/**
 * The private chat in which the bot can write to an account: one the person opened already, or
 * one the platform lets the bot open (the sandbox). Undefined when the person must write first.
 */
export async function privateChatWith(q: Queryable, privateChatIdOf: PrivateChatIdOf, account: AccountOnPlatform): Promise<number | undefined> {
  const chatId = privateChatIdOf(account.platform, account.platformUserId);
  const existing = await q.query<{ id: number }>(
    `SELECT id FROM chats WHERE platform = $1 AND kind = 'private' AND platform_chat_id = $2`,
    [account.platform, chatId ?? account.platformUserId],
  );
  if (existing[0]) return existing[0].id;
  if (!chatId) return undefined;
  return (await findOrCreateChat(q, { platform: account.platform, platformChatId: chatId, kind: 'private' })).id;
}

/** The first of a person's accounts that the bot can write to privately. */
export async function privateChatOfPerson(
  q: Queryable,
  privateChatIdOf: PrivateChatIdOf,
  personId: number,
): Promise<{ chatId: number; accountId: number } | undefined> {
  const accounts = await q.query<{ id: number; platform: string; platform_user_id: string }>(
    'SELECT id, platform, platform_user_id FROM accounts WHERE person_id = $1 ORDER BY id',
    [personId],
  );
  for (const account of accounts) {
    const chatId = await privateChatWith(q, privateChatIdOf, {
      accountId: account.id,
      platform: account.platform,
      platformUserId: account.platform_user_id,
    });
    if (chatId !== undefined) return { chatId, accountId: account.id };
  }
  return undefined;
}
