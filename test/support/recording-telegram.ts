import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';

/** Who the test bot is, as getMe would say: grammY asks nothing of Telegram when it is given. */
export const testBotInfo: UserFromGetMe = {
  id: 7000001, is_bot: true, first_name: '邻里', username: 'linli_test_bot', can_join_groups: true,
  can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false,
  has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false, can_manage_bots: false,
  supports_join_request_queries: false,
};

export interface RecordedCall {
  method: string;
  /** The request body as grammY wrote it: JSON for text, multipart form data for a file. */
  body: Buffer;
}

/**
 * A grammY Bot whose Bot API calls are recorded and never leave the machine; each is answered as
 * Telegram answers a sent message in the private chat 5001.
 */
export function recordingTelegram() {
  const calls: RecordedCall[] = [];
  let nextId = 100;
  const bot = new Bot('7000001:test-token', {
    botInfo: testBotInfo,
    client: {
      fetch: (async (url: string, init: { body?: unknown }) => {
        const chunks: Buffer[] = [];
        const body = init.body;
        if (typeof body === 'string') chunks.push(Buffer.from(body));
        else if (body) for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
        calls.push({ method: url.slice(url.lastIndexOf('/') + 1), body: Buffer.concat(chunks) });
        const result = { message_id: nextId++, date: 0, chat: { id: 5001, type: 'private', first_name: '陈' } };
        return { json: async () => ({ ok: true, result }) };
      }) as never,
    },
  });
  return { api: bot.api, calls };
}

/** The file of a multipart body (grammY names its part by a random id): what Telegram would receive. */
export function multipartFile(body: Buffer): { filename: string; data: Buffer } {
  const text = body.toString('latin1');
  const header = /;filename=([^\r\n]+)\r\n(?:[^\r\n]+\r\n)*\r\n/.exec(text);
  if (!header) throw new Error('no file in the request');
  const start = header.index + header[0].length;
  const end = text.indexOf('\r\n--', start);
  return { filename: Buffer.from(header[1] ?? '', 'latin1').toString('utf8'), data: body.subarray(start, end) };
}
