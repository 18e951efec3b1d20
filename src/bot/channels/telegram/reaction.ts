import { z } from 'zod';
import type { Inbound } from '../../message.ts';
import { telegramPlatform } from './inbound.ts';

const reactionSchema = z.object({ type: z.string(), emoji: z.string().optional() });

/** A message_reaction update, as much of it as Linli reads. */
export const telegramReactionSchema = z.object({
  chat: z.object({ id: z.number().int(), type: z.enum(['private', 'group', 'supergroup', 'channel']), title: z.string().optional() }),
  message_id: z.number().int(),
  user: z.object({ id: z.number().int(), is_bot: z.boolean(), first_name: z.string(), last_name: z.string().optional(), username: z.string().optional() }).optional(),
  date: z.number().int().nonnegative(),
  old_reaction: z.array(reactionSchema),
  new_reaction: z.array(reactionSchema),
});

/** The reactions that say "read it"; others are no message to Linli. */
const acknowledgingReactions = new Set(['👍', '👌']);

const emojisOf = (reactions: readonly z.infer<typeof reactionSchema>[]) =>
  new Set(reactions.flatMap((reaction) => (reaction.type === 'emoji' && reaction.emoji ? [reaction.emoji] : [])));

/**
 * A 👍 (or 👌) someone added to a message, as a message of that emoji replying to it: the handlers
 * read it on a notice as its acknowledgement, and nothing else of it. Other reactions, reactions
 * taken away, anonymous ones and a bot's are not handed on.
 */
export function telegramReactionInbound(update: unknown): Inbound | undefined {
  const parsed = telegramReactionSchema.safeParse(update);
  if (!parsed.success) return undefined;
  const { chat, user, message_id: messageId, date } = parsed.data;
  if (!user || user.is_bot || chat.type === 'channel') return undefined;
  const before = emojisOf(parsed.data.old_reaction);
  const added = [...emojisOf(parsed.data.new_reaction)].filter((emoji) => !before.has(emoji) && acknowledgingReactions.has(emoji));
  const emoji = added[0];
  if (emoji === undefined) return undefined;
  const name = [user.first_name, user.last_name].filter((part) => part !== undefined && part !== '').join(' ');
  return {
    platform: telegramPlatform,
    chatId: String(chat.id),
    chatKind: chat.type === 'private' ? 'private' : 'group',
    chatTitle: chat.type === 'private' ? null : (chat.title ?? null),
    senderId: String(user.id),
    senderName: (name || user.username || String(user.id)).slice(0, 256),
    text: emoji,
    mentionsBot: false,
    files: [],
    messageId: `${chat.id}:${messageId}:reaction:${user.id}:${date}`,
    at: new Date(date * 1000),
    replyTo: `${chat.id}:${messageId}`,
  };
}
