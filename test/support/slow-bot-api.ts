import http from 'node:http';
import { z } from 'zod';

/** A message as the Bot API received it: what the person would see in Telegram. */
export interface Received {
  chatId: string;
  text: string;
}

const sendSchema = z.object({ chat_id: z.union([z.string(), z.number()]), text: z.string() });

/**
 * Telegram's Bot API as a real HTTP server, for a Linli in another process (TELEGRAM_API_ROOT):
 * it counts every message it receives, and while `hold` is on it takes a message but answers only
 * much later, as a slow or overloaded Telegram does. What it received is what people got.
 */
export async function startSlowBotApi() {
  const received: Received[] = [];
  let hold = false;
  let nextMessageId = 500;
  const waiting = new Set<() => void>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const method = (request.url ?? '').split('/').pop() ?? '';
      const body: unknown = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      const answer = (result: unknown) => {
        if (!response.destroyed) response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
      };
      if (method === 'getMe') {
        answer({ id: 7000001, is_bot: true, first_name: '邻里', username: 'linli_test_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
      } else if (method === 'getUpdates') {
        setTimeout(() => answer([]), 300);
      } else if (method === 'sendMessage') {
        const message = sendSchema.parse(body);
        received.push({ chatId: String(message.chat_id), text: message.text });
        const reply = () =>
          answer({ message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(message.chat_id), type: 'private', first_name: 'x' }, text: message.text });
        if (hold) waiting.add(reply);
        else reply();
      } else {
        answer(true);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return {
    apiRoot: `http://127.0.0.1:${address.port}`,
    received,
    /** Takes messages but keeps the answers back until released. */
    holdAnswers(on: boolean) {
      hold = on;
      if (!on) {
        for (const reply of waiting) reply();
        waiting.clear();
      }
    },
    textsTo(chatId: string): string[] {
      return received.filter((message) => message.chatId === chatId).map((message) => message.text);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
