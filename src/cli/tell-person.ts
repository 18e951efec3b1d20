import { jobBackendFor } from '../app.ts';
import { ChannelRegistry } from '../bot/channels/channel.ts';
import { writeOutbox, type QueuedSend } from '../bot/outbox.ts';
import { createJobQueues } from '../jobs/queue.ts';
import type { StoreContext } from './context.ts';

/**
 * Writes to a person privately from a command: the message goes to the outbox of the private chat
 * the person last wrote to the bot from, and its send is queued for the running workers (their sweep
 * would find it too). False when the person never wrote to the bot privately: nowhere to write.
 */
export async function tellPersonPrivately(context: StoreContext, personId: number, text: (lang: string) => string): Promise<boolean> {
  const { database, cipher, config } = context;
  const queued = await database.db.transaction(async (tx): Promise<QueuedSend[]> => {
    // Without the channels running, the chat to write in is the private chat the person last wrote from.
    const chats = await tx.query<{ chat_id: number; account_id: number; lang: string }>(
      `SELECT m.chat_id, m.account_id, p.lang FROM inbound_messages m
       JOIN accounts a ON a.id = m.account_id JOIN persons p ON p.id = a.person_id
       JOIN chats c ON c.id = m.chat_id AND c.kind = 'private'
       WHERE a.person_id = $1 ORDER BY m.id DESC LIMIT 1`,
      [personId],
    );
    const chat = chats[0];
    if (!chat) return [];
    const reply = { chatId: chat.chat_id, toAccountId: chat.account_id, text: text(chat.lang) };
    return writeOutbox(tx, cipher, new ChannelRegistry(), [reply], new Date(), null);
  });
  if (queued.length === 0) return false;
  const jobs = createJobQueues(jobBackendFor(config, database, config.queuePrefix));
  try {
    for (const send of queued) await jobs.add('outbox', 'send', { outboxId: send.outboxId }, { jobId: `out-${send.outboxId}` });
  } finally {
    await jobs.close();
  }
  return true;
}
