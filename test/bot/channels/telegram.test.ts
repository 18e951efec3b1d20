import path from 'node:path';
import { Bot, GrammyError, HttpError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  splitForTelegram,
  startTelegram,
  telegramDeepLink,
  telegramInbound,
  telegramOutboundChannel,
  toDeliveryError,
  webhookSecret,
  type RunningTelegram,
} from '../../../src/bot/channels/telegram.ts';
import { DeliveryError } from '../../../src/bot/channels/channel.ts';
import type { Inbound } from '../../../src/bot/message.ts';
import { createLogger } from '../../../src/log.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { until } from '../../support/until.ts';
import { FakeTelegram, tooManyRequests, type Message } from '../../support/fake-telegram.ts';

const token = '7000001:test-token';
const botUser = { id: 7000001, is_bot: true as const, first_name: '邻里', username: 'linli_test_bot' };
const botInfo: UserFromGetMe = {
  ...botUser, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
  can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false,
  allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false,
};

const wang = { id: 5001, is_bot: false as const, first_name: '芳', last_name: '王', username: 'wangfang', language_code: 'zh-hans' };
const wangChat = { id: 5001, type: 'private' as const, first_name: '芳', last_name: '王', username: 'wangfang' };
const group = { id: -1001234567890, type: 'supergroup' as const, title: '保利紫山3栋业主群' };
const date = 1767225600;
const inPrivate = (message_id: number, text: string, from = wang): Message => ({
  message_id, date, from, chat: { ...wangChat, id: from.id }, text,
});
const inGroup = (message_id: number, text: string, entities: Message['entities'] = undefined): Message => ({
  message_id, date, from: wang, chat: group, text, ...(entities ? { entities } : {}),
});

/** What the real grammY Bot hands the adapter for one update; the adapter says nothing itself. */
async function translate(message: Message): Promise<Inbound[]> {
  const fake = new FakeTelegram();
  const bot = new Bot(token, { botInfo, client: { fetch: fake.fetch } });
  const inbounds: Inbound[] = [];
  bot.on('message', (ctx) => {
    const inbound = telegramInbound(ctx, bot.botInfo.username);
    if (inbound) inbounds.push(inbound);
  });
  await bot.handleUpdate({ update_id: 1, message });
  expect(fake.calls).toEqual([]);
  return inbounds;
}

describe('Telegram messages as Linli reads them', () => {
  it('translates a private message', async () => {
    expect(await translate(inPrivate(11, '你好'))).toEqual([
      {
        platform: 'telegram', chatId: '5001', chatKind: 'private', chatTitle: null, senderId: '5001', senderName: '芳 王',
        text: '你好', mentionsBot: false, files: [], messageId: '5001:11', at: new Date(date * 1000),
      },
    ]);
  });

  it('turns an @mention of the bot into a flag and takes it out of the text', async () => {
    const [inbound] = await translate(inGroup(21, '@linli_test_bot 帮助', [{ type: 'mention', offset: 0, length: 15 }]));
    expect(inbound).toMatchObject({ chatId: String(group.id), chatKind: 'group', chatTitle: '保利紫山3栋业主群', text: '帮助', mentionsBot: true, messageId: `${group.id}:21` });
    const [byName] = await translate(inGroup(22, '请邻里看看', [{ type: 'text_mention', offset: 1, length: 2, user: botUser }]));
    expect(byName).toMatchObject({ text: '请看看', mentionsBot: true });
    const [other] = await translate(inGroup(23, '@someone_else 在吗', [{ type: 'mention', offset: 0, length: 13 }]));
    expect(other).toMatchObject({ text: '@someone_else 在吗', mentionsBot: false });
  });

  it('keeps /help of /help@thisbot and ignores a command for another bot', async () => {
    const command = (text: string): Message['entities'] => [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }];
    expect(await translate(inGroup(31, '/help@linli_test_bot', command('/help@linli_test_bot')))).toMatchObject([{ text: '/help', mentionsBot: false }]);
    expect(await translate(inGroup(32, '/bind@Linli_Test_Bot K7QX4M', command('/bind@Linli_Test_Bot K7QX4M')))).toMatchObject([{ text: '/bind K7QX4M' }]);
    expect(await translate(inGroup(33, '/help@other_bot', command('/help@other_bot')))).toEqual([]);
    expect(await translate(inPrivate(34, '/start reg-abc', wang))).toMatchObject([{ text: '/start reg-abc' }]);
  });

  it('takes a reply to one of the bot’s messages as speaking to it', async () => {
    const reply: Message = { ...inGroup(41, '收到'), reply_to_message: { message_id: 40, date, chat: group, from: botUser, text: '请大家登记', reply_to_message: undefined } };
    expect(await translate(reply)).toMatchObject([{ text: '收到', mentionsBot: true }]);
  });

  it('hands on an uploaded .xlsx by its file id, with its caption as the text', async () => {
    const upload: Message = {
      message_id: 51, date, from: wang, chat: group, caption: '@linli_test_bot 3栋租户', caption_entities: [{ type: 'mention', offset: 0, length: 15 }],
      document: {
        file_id: 'BQACAgUAAxkBAAIBZ2', file_unique_id: 'AgADZ2', file_name: '租户名单.xlsx', file_size: 8421,
        mime_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    };
    expect(await translate(upload)).toMatchObject([
      {
        text: '3栋租户', mentionsBot: true,
        files: [{ name: '租户名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 8421, ref: 'BQACAgUAAxkBAAIBZ2' }],
      },
    ]);
    const photoOnly: Message = { message_id: 52, date, from: wang, chat: group, photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }] };
    expect(await translate(photoOnly)).toEqual([]);
  });
});

describe('sending to Telegram', () => {
  const grammyError = (error_code: number, description: string, parameters = {}) =>
    new GrammyError('Call to sendMessage failed!', { ok: false, error_code, description, parameters }, 'sendMessage', {});

  it('tells the outbox whether a failed send may be tried again', () => {
    expect(toDeliveryError(grammyError(429, 'Too Many Requests: retry after 7', { retry_after: 7 }))).toMatchObject({ delivered: 'no', retryAfterMs: 7000 });
    const blocked = toDeliveryError(grammyError(403, 'Forbidden: bot was blocked by the user'));
    expect(blocked).toMatchObject({ delivered: 'no', retryAfterMs: undefined });
    expect(blocked.message).toMatch(/^permanent: .*blocked/);
    expect(toDeliveryError(grammyError(400, 'Bad Request: chat not found')).message).toMatch(/^permanent/);
    expect(toDeliveryError(grammyError(502, 'Bad Gateway')).delivered).toBe('maybe');
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(toDeliveryError(new HttpError("Network request for 'sendMessage' failed!", refused)).delivered).toBe('no');
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(toDeliveryError(new HttpError("Network request for 'sendMessage' failed!", reset)).delivered).toBe('maybe');
  });

  it('cuts a text longer than Telegram takes at line breaks', () => {
    const text = `${'甲'.repeat(3000)}\n${'乙'.repeat(3000)}`;
    expect(splitForTelegram(text)).toEqual(['甲'.repeat(3000), '乙'.repeat(3000)]);
    expect(splitForTelegram('丙'.repeat(9000)).map((part) => part.length)).toEqual([4096, 4096, 808]);
  });

  it('links a group to the private chat with a start token', () => {
    expect(telegramDeepLink('@linli_test_bot', 'reg-3f9a')).toBe('https://t.me/linli_test_bot?start=reg-3f9a');
    expect(() => telegramDeepLink('linli_test_bot', 'no spaces')).toThrow();
  });
});

describe('the Telegram channel in a running Linli', () => {
  let linli: TestLinli;
  let fake: FakeTelegram;
  let telegram: RunningTelegram;
  const config = { token, apiRoot: undefined, webhook: undefined };
  const log = () => createLogger({ level: 'warn', file: path.join(linli.config.dataDir, 'telegram.log') });

  beforeAll(async () => {
    linli = await startTestLinli();
    fake = new FakeTelegram();
    fake.refuseNext('deleteWebhook', tooManyRequests);
    telegram = await startTelegram(linli.deps, config, log(), { botInfo, fetch: fake.fetch });
  });
  afterAll(async () => {
    await telegram?.stop();
    await linli?.close();
  });

  const stored = async (messageId: string) =>
    linli.deps.db.query<{ id: number; status: string }>(
      `SELECT id, status FROM inbound_messages WHERE platform = 'telegram' AND platform_message_id = $1`,
      [messageId],
    );

  it('waits out a 429 on its own calls, as auto-retry does, and polls', () => {
    const deletes = fake.calls.filter((call) => call.method === 'deleteWebhook');
    expect(deletes.map((call) => call.ok)).toEqual([false, true]);
    expect((deletes[1]?.at ?? 0) - (deletes[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(telegram).toMatchObject({ mode: 'polling', username: 'linli_test_bot' });
  });

  it('answers 你好 in a private chat with exactly one message: the help in Chinese', async () => {
    fake.deliver(inPrivate(11, '你好'));
    await until(() => fake.sent('5001').length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.sent('5001')).toEqual([{ chat_id: '5001', text: expect.stringContaining('您好，我是邻里小助手') }]);
    expect(await stored('5001:11')).toMatchObject([{ status: 'handled' }]);
  });

  it('answers a command for it in a group, and nothing for another bot or for chatter', async () => {
    fake.deliver(inGroup(61, '今天停水吗'));
    fake.deliver(inGroup(62, '/help@other_bot', [{ type: 'bot_command', offset: 0, length: 15 }]));
    fake.deliver(inGroup(63, '/help@linli_test_bot', [{ type: 'bot_command', offset: 0, length: 20 }]));
    await until(() => fake.sent(String(group.id)).length > 0);
    await until(async () => (await stored(`${group.id}:61`))[0]?.status === 'handled');
    expect(await stored(`${group.id}:62`)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.sent(String(group.id))).toEqual([{ chat_id: String(group.id), text: expect.stringContaining('私聊') }]);
  });

  it('turns a 429 into a send refused with retryAfterMs, and sends the message later exactly once', async () => {
    fake.refuseNext('sendMessage', tooManyRequests);
    const channel = telegramOutboundChannel(telegram.bot.api);
    const outbound = { outboxId: 0, platform: 'telegram', platformChatId: '5009', chatKind: 'private', toPlatformUserId: '5009', text: 'x' };
    const refusal = await channel.send(outbound, linli.deps.db).then(() => undefined, (error: unknown) => error);
    expect(refusal).toBeInstanceOf(DeliveryError);
    expect(refusal).toMatchObject({ delivered: 'no', retryAfterMs: 1000 });

    const li = { ...wang, id: 5002, first_name: '雷', last_name: '李', username: 'lilei' };
    fake.refuseNext('sendMessage', tooManyRequests);
    fake.deliver(inPrivate(12, '帮助', li));
    await until(async () => {
      const rows = await linli.deps.db.query<{ status: string }>(
        `SELECT o.status FROM outbox o JOIN inbound_messages i ON i.id = o.inbound_id WHERE i.platform_message_id = '5002:12'`,
      );
      return rows[0]?.status === 'sent';
    });
    const tries = fake.calls.filter((call) => call.method === 'sendMessage' && String(call.payload.chat_id) === '5002');
    expect(tries.map((call) => call.ok)).toEqual([false, true]);
    expect((tries[1]?.at ?? 0) - (tries[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    const [row] = await linli.deps.db.query<{ attempts: number; last_error: string }>(
      `SELECT o.attempts, o.last_error FROM outbox o JOIN inbound_messages i ON i.id = o.inbound_id WHERE i.platform_message_id = '5002:12'`,
    );
    // The wait Telegram asked for is not an attempt of the message's own: only the send that went through counts.
    expect(row).toMatchObject({ attempts: 1, last_error: expect.stringContaining('429') });
  });

  it('takes updates by webhook when configured, and only with the secret', async () => {
    const webhookFake = new FakeTelegram();
    const hook = await startTelegram(linli.deps, { ...config, webhook: { url: 'https://linli.example.org/telegram/hook', port: 0 } }, log(), {
      botInfo,
      fetch: webhookFake.fetch,
    });
    try {
      expect(webhookFake.calls.find((call) => call.method === 'setWebhook')?.payload).toMatchObject({
        url: 'https://linli.example.org/telegram/hook', secret_token: webhookSecret(token), allowed_updates: ['message', 'message_reaction'],
      });
      const post = (at: string, headers: Record<string, string>) =>
        fetch(`http://127.0.0.1:${hook.webhookPort}${at}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ update_id: 1, message: inPrivate(13, '你好', { ...wang, id: 5003 }) }),
        });
      expect((await post('/telegram/hook', {})).status).toBe(401);
      expect((await post('/elsewhere', { 'x-telegram-bot-api-secret-token': webhookSecret(token) })).status).toBe(404);
      expect((await post('/telegram/hook', { 'x-telegram-bot-api-secret-token': webhookSecret(token) })).status).toBe(200);
      await until(() => webhookFake.sent('5003').length > 0);
      expect(webhookFake.sent('5003')[0]?.text).toContain('您好，我是邻里小助手');
    } finally {
      await hook.stop();
    }
    // Later tests and the polling bot keep their own channel.
    linli.deps.channels.register(telegramOutboundChannel(telegram.bot.api));
  });
});
