import { maybeOne, type Queryable } from './db.ts';
import { columnsReferencing, repoint } from './merge.ts';

export type ChatMove =
  /** No chat has the old id (never seen, or moved already by the other half of the event). */
  | { kind: 'unknown' }
  /** The chat, with its binding and history, now answers to the new id. */
  | { kind: 'moved'; chatId: number }
  /** The new id had spoken already: its messages now belong to the old chat, which takes the id. */
  | { kind: 'merged'; chatId: number };

/**
 * A platform gave a chat a new id (Telegram, when a group becomes a supergroup): the chat keeps
 * its place, kind and history under the new id. Run it in a transaction.
 */
export async function moveChat(q: Queryable, platform: string, fromChatId: string, toChatId: string): Promise<ChatMove> {
  const find = (platformChatId: string) =>
    maybeOne<{ id: number }>(q, 'SELECT id FROM chats WHERE platform = $1 AND platform_chat_id = $2 FOR UPDATE', [platform, platformChatId]);
  const kept = await find(fromChatId);
  if (!kept || fromChatId === toChatId) return { kind: 'unknown' };
  const arrived = await find(toChatId);
  if (arrived) {
    await repoint(q, await columnsReferencing(q, 'chats'), arrived.id, kept.id);
    await q.query('DELETE FROM chats WHERE id = $1', [arrived.id]);
  }
  await q.query('UPDATE chats SET platform_chat_id = $2 WHERE id = $1', [kept.id, toChatId]);
  return arrived ? { kind: 'merged', chatId: kept.id } : { kind: 'moved', chatId: kept.id };
}
