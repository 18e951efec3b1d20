import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telegramCaptionLimit, telegramOutboundChannel } from '../../../src/bot/channels/telegram/outbound.ts';
import type { Outbound } from '../../../src/bot/message.ts';
import { openTestDatabase, type TestDatabase } from '../../support/database.ts';

const botInfo: UserFromGetMe = {
  id: 7000001, is_bot: true, first_name: '邻里', username: 'linli_test_bot', can_join_groups: true,
  can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false,
  has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false, can_manage_bots: false,
  supports_join_request_queries: false,
};

interface Upload {
  method: string;
  /** The request body as grammY wrote it: JSON for text, multipart form data for a file. */
  body: string;
}

async function bodyText(body: unknown): Promise<string> {
  if (typeof body === 'string') return body;
  if (body === undefined || body === null) return '';
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('latin1');
}

/** A grammY Bot whose requests are recorded, every one answered as Telegram answers a sent message. */
function recordingBot() {
  const calls: Upload[] = [];
  let nextId = 100;
  const bot = new Bot('7000001:test-token', {
    botInfo,
    client: {
    fetch: (async (url: string, init: { body?: unknown }) => {
        calls.push({ method: url.slice(url.lastIndexOf('/') + 1), body: await bodyText(init.body) });
        const result = { message_id: nextId++, date: 0, chat: { id: 5001, type: 'private', first_name: 'x' } };
        return { json: async () => ({ ok: true, result }) };
    }) as never,
    },
  });
  return { api: bot.api, calls };
}

const workbook = new Uint8Array(Buffer.from('PK\u0003\u0004 a digest workbook', 'latin1'));
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const message = (text: string, file?: Outbound['file']): Outbound => ({
  outboxId: 1, platform: 'telegram', platformChatId: '5001', chatKind: 'private', toPlatformUserId: '5001', text, ...(file ? { file } : {}),
});

// The channel sends outside any transaction; the store it is handed is only the outbox's.
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe('files sent to Telegram', () => {
  it('sends a workbook as a document with the text as its caption', async () => {
    const { api, calls } = recordingBot();
    const file = { name: 'digest.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: workbook };
    const result = await telegramOutboundChannel(api).send(message('今日简报', file), db.db);
    expect(calls.map((call) => call.method)).toEqual(['sendDocument']);
    expect(calls[0]?.body).toContain('name="document"');
    expect(calls[0]?.body).toContain('filename=digest.xlsx');
    expect(calls[0]?.body).toContain('a digest workbook');
    expect(calls[0]?.body).toContain(Buffer.from('今日简报').toString('latin1'));
    expect(result.platformMessageId).toBe('5001:100');
  });

  it('sends a chart as a photo, and a text too long for a caption before the file', async () => {
    const { api, calls } = recordingBot();
    const long = '甲'.repeat(telegramCaptionLimit + 1);
    await telegramOutboundChannel(api).send(message(long, { name: 'chart.png', mimeType: 'image/png', data: png }), db.db);
    expect(calls.map((call) => call.method)).toEqual(['sendMessage', 'sendPhoto']);
    expect(calls[1]?.body).toContain('name="photo"');
    expect(calls[1]?.body).toContain('filename=chart.png');
    expect(calls[1]?.body).not.toContain('name="caption"');
  });
});
