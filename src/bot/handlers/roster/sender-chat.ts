import type { HandlerContext } from '../../handler.ts';
import { privateChatWith } from '../../private-chat.ts';

/**
 * The private chat with the person who sent the message: the chat itself when it is one, else
 * the one the person opened already or the platform lets the bot open; undefined when neither.
 */
export async function senderPrivateChat(context: Pick<HandlerContext, 'message' | 'tx' | 'privateChatId'>): Promise<number | undefined> {
  const { message } = context;
  if (message.chat.kind === 'private') return message.chat.id;
  return privateChatWith(context.tx, context.privateChatId, {
    accountId: message.account.accountId,
    platform: message.platform,
    platformUserId: message.account.platformUserId,
  });
}
