import type { Queryable } from '../store/db.ts';
import type { Pacing } from './channels/channel.ts';

/**
 * Reserves the next sending slot for one message into one chat: no earlier than the chat's and
 * the platform's next free moment. Reserving when the message is written (not when it is sent)
 * keeps the order of a chat's messages and spreads a notice to many chats over time.
 */
export async function reserveSlot(
  tx: Queryable,
  platform: string,
  chat: { id: number; isGroup: boolean },
  pacing: Pacing,
  now: Date,
  random: () => number = Math.random,
): Promise<Date> {
  const chatId = chat.id;
  const chatGapMs = chat.isGroup ? Math.max(pacing.perChatGapMs, pacing.perGroupGapMs ?? 0) : pacing.perChatGapMs;
  if (pacing.perChatGapMs === 0 && pacing.platformGapMs === 0 && pacing.jitterMs === 0) return now;
  const chatKey = `${platform}:chat:${chatId}`;
  const platformKey = `${platform}:all`;
  // Lock in a fixed order (platform, then chat) so that two writers never deadlock.
  const keys = [platformKey, chatKey];
  await tx.query(
    `INSERT INTO send_slots (key, next_at) SELECT k, $2 FROM unnest($1::text[]) AS k ON CONFLICT (key) DO NOTHING`,
    [keys, now],
  );
  const rows = await tx.query<{ key: string; next_at: Date }>(
    'SELECT key, next_at FROM send_slots WHERE key = ANY($1::text[]) ORDER BY key = $2 DESC FOR UPDATE',
    [keys, platformKey],
  );
  const earliest = Math.max(now.getTime(), ...rows.map((row) => row.next_at.getTime()));
  const slot = new Date(earliest + Math.floor(random() * pacing.jitterMs));
  await tx.query('UPDATE send_slots SET next_at = $2 WHERE key = $1', [
    platformKey,
    new Date(slot.getTime() + pacing.platformGapMs),
  ]);
  await tx.query('UPDATE send_slots SET next_at = $2 WHERE key = $1', [chatKey, new Date(slot.getTime() + chatGapMs)]);
  return slot;
}
