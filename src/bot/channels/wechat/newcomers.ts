import { t } from '../../../dialogs/messages/index.ts';
import { findOrCreateAccount } from '../../../store/accounts.ts';
import { findOrCreateChat } from '../../../store/chats.ts';
import type { BotDeps } from '../../deps.ts';
import type { Reply } from '../../message.ts';
import { sayInTransaction } from '../../pipeline.ts';
import { wechatPlatform } from './inbound.ts';

export interface WechatRoomRef {
  id: string;
  topic: string;
}

export interface Newcomer {
  id: string;
  name: string;
}

/** Greetings go to the group, whose members read Chinese first. */
const groupLang = 'zh-CN';

/**
 * Welcomes people who joined a WeChat group, with an invitation to register. Through the outbox,
 * so that a wave of joins is paced like any message; each person is greeted once per group,
 * however often the puppet reports the join or they leave and come back. Several at once get one
 * message between them. Returns how many messages were queued.
 */
export async function greetNewcomers(deps: BotDeps, room: WechatRoomRef, newcomers: readonly Newcomer[]): Promise<number> {
  if (newcomers.length === 0) return 0;
  return sayInTransaction(deps, async (tx): Promise<Reply[]> => {
    const chat = await findOrCreateChat(tx, { platform: wechatPlatform, platformChatId: room.id, kind: 'group', title: room.topic });
    const fresh: { accountId: number; name: string }[] = [];
    for (const person of newcomers) {
      const account = await findOrCreateAccount(tx, deps.cipher, { platform: wechatPlatform, platformUserId: person.id, displayName: person.name });
      const greeted = await tx.query(
        'INSERT INTO wechat_greetings (chat_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING account_id',
        [chat.id, account.accountId],
      );
      if (greeted.length > 0) fresh.push({ accountId: account.accountId, name: person.name || person.id });
    }
    const [only] = fresh;
    if (!only) return [];
    // One newcomer is @mentioned by the channel, so the text need not name them.
    if (fresh.length === 1) return [{ chatId: chat.id, toAccountId: only.accountId, text: t(groupLang, 'wechat.welcome') }];
    const names = fresh.map((person) => person.name).join('、');
    return [{ chatId: chat.id, toAccountId: null, text: t(groupLang, 'wechat.welcome.many', { names }) }];
  });
}
