import path from 'node:path';
import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followGroupUpgrades } from '../../../src/bot/channels/telegram/group-upgrade.ts';
import { createLogger } from '../../../src/log.ts';
import { findChat } from '../../../src/store/chats.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { fakePlatform } from '../../support/fake-platform.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { testBotInfo as botInfo } from '../../support/recording-telegram.ts';

const wang = { id: 5001, is_bot: false as const, first_name: '芳', last_name: '王' };
type Message = NonNullable<Update['message']>;

let linli: TestLinli;
let bot: Bot;
let telegram: ReturnType<typeof fakePlatform>;
let updateId = 0;

beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
  telegram = fakePlatform(linli, 'telegram');
  // The upgrade asks nothing of Telegram: any call would fail the test.
  bot = new Bot('7000001:test-token', {
    botInfo,
    client: { fetch: (async (url: string) => Promise.reject(new Error(`unexpected call ${url}`))) as never },
  });
  followGroupUpgrades(bot, linli.deps, createLogger({ level: 'warn', file: path.join(linli.config.dataDir, 'telegram.log') }));
});
afterAll(async () => {
  await linli?.close();
});

const upgrade = (message: Omit<Message, 'message_id' | 'date' | 'from'>) =>
  bot.handleUpdate({ update_id: ++updateId, message: { message_id: updateId, date: 1767225600, from: wang, ...message } as Message });

async function boundGroup(platformChatId: string): Promise<number> {
  await telegram.tell('5001', platformChatId, 'group', '大家好');
  const [area] = await linli.deps.db.query<{ id: number }>(`SELECT id FROM areas WHERE kind = 'building' ORDER BY id LIMIT 1`);
  await linli.deps.db.query(`UPDATE chats SET kind = 'building', area_id = $2, bound_at = now() WHERE platform = 'telegram' AND platform_chat_id = $1`, [
    platformChatId,
    area?.id,
  ]);
  const chat = await findChat(linli.deps.db, 'telegram', platformChatId);
  if (!chat) throw new Error('no chat');
  return chat.id;
}

describe('a Telegram group that becomes a supergroup', () => {
  it('keeps its binding and history under the new id, told by the old group', async () => {
    const chatId = await boundGroup('-4001');
    await upgrade({ chat: { id: -4001, type: 'group', title: '3栋业主群' }, migrate_to_chat_id: -1004001 } as Message);
    expect(await findChat(linli.deps.db, 'telegram', '-4001')).toBeUndefined();
    expect(await findChat(linli.deps.db, 'telegram', '-1004001')).toMatchObject({ id: chatId, kind: 'building' });
    // The second half of the event finds nothing left to move.
    await upgrade({ chat: { id: -1004001, type: 'supergroup', title: '3栋业主群' }, migrate_from_chat_id: -4001 } as Message);
    expect(await findChat(linli.deps.db, 'telegram', '-1004001')).toMatchObject({ id: chatId, kind: 'building' });
  });

  it('takes in what the supergroup said before the old group told of the move', async () => {
    const chatId = await boundGroup('-4002');
    await telegram.tell('5001', '-1004002', 'group', '新群第一句');
    await upgrade({ chat: { id: -1004002, type: 'supergroup', title: '5栋业主群' }, migrate_from_chat_id: -4002 } as Message);
    expect(await findChat(linli.deps.db, 'telegram', '-1004002')).toMatchObject({ id: chatId, kind: 'building' });
    const [counted] = await linli.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbound_messages WHERE chat_id = $1`, [chatId]);
    expect(counted?.n).toBe(2);
  });
});
