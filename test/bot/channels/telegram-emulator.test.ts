import net from 'node:net';
import path from 'node:path';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTelegram, type RunningTelegram } from '../../../src/bot/channels/telegram.ts';
import { createLogger } from '../../../src/log.ts';
import { findCommunity, findAreaByPath } from '../../../src/store/areas.ts';
import { findChat } from '../../../src/store/chats.ts';
import { applySetup } from '../../../src/store/setup.ts';
import { parseSetupFile } from '../../../src/store/setup-file.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

/**
 * Linli against telegram-test-api: a Bot API emulator over HTTP on 127.0.0.1. The adapter polls it
 * with the grammY runner like the real Telegram; test users speak through the emulator's client API.
 */
const token = '8000001:emulated';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** What the emulator's client API says the bot sent into one chat. */
const botMessagesSchema = z.object({
  result: z.array(z.object({ message: z.object({ chat_id: z.union([z.string(), z.number()]), text: z.string() }) })),
});

interface EmulatedUser {
  say(text: string): Promise<void>;
  /** The bot's next messages to this chat. */
  replies(): Promise<string[]>;
}

let server: TelegramServer;
let linli: TestLinli;
let telegram: RunningTelegram;

function user(options: { userId: number; chatId: number; firstName: string; type?: 'private' | 'group'; chatTitle?: string }): EmulatedUser {
  const client = server.getClient(token, { timeout: 20_000, interval: 50, ...options });
  return {
    async say(text) {
      if (text.startsWith('/')) await client.sendCommand(client.makeCommand(text));
      else await client.sendMessage(client.makeMessage(text));
    },
    async replies() {
      const answer = botMessagesSchema.parse(await client.getUpdates());
      return answer.result.map((entry) => entry.message.text);
    },
  };
}

beforeAll(async () => {
  const port = await freePort();
  server = new TelegramServer({ port, host: '127.0.0.1' });
  await server.start();
  linli = await startTestLinli();
  await applySetup(
    linli.deps.db,
    linli.deps.cipher,
    parseSetupFile(
      `
communities:
  - name: 幸福社区
    sites:
      - { name: 保利紫山, kind: compound, buildings: [{ name: 3栋 }] }
    staff:
      - { name: 李主任, role: committee, scope: 幸福社区, accounts: [{ platform: telegram, id: 2001 }] }
`,
      'community.yaml',
    ),
  );
  const log = createLogger({ level: 'warn', file: path.join(linli.config.dataDir, 'telegram.log') });
  telegram = await startTelegram(linli.deps, { token, apiRoot: server.config.apiURL, webhook: undefined }, log);
}, 60_000);

afterAll(async () => {
  await telegram?.stop();
  await linli?.close();
  await server?.stop();
});

describe('Telegram through the telegram-test-api emulator', () => {
  it('polls the emulator as the bot it says it is', () => {
    expect(telegram).toMatchObject({ mode: 'polling', username: 'TestNameBot' });
  });

  it('answers 你好 and /help in a private chat', async () => {
    const wang = user({ userId: 1001, chatId: 1001, firstName: '王芳' });
    await wang.say('你好');
    const [hello] = await wang.replies();
    expect(hello).toContain('您好，我是邻里小助手');
    await wang.say('/help');
    const [help] = await wang.replies();
    expect(help).toContain('帮助');
  });

  it('binds a group with a code that staff got in a private chat', async () => {
    const director = user({ userId: 2001, chatId: 2001, firstName: '李主任' });
    await director.say('/bindcode 保利紫山/3栋');
    const [made] = await director.replies();
    const code = /绑定码：([A-Z0-9]{6})/.exec(made ?? '')?.[1];
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    const inGroup = user({ userId: 2001, chatId: -100500, firstName: '李主任', type: 'group', chatTitle: '保利紫山3栋业主群' });
    await inGroup.say(`/bind ${code}`);
    expect(await inGroup.replies()).toEqual(['本群已绑定：幸福社区 / 保利紫山 / 3栋（楼栋群）。']);

    const community = await findCommunity(linli.deps.db, '幸福社区');
    const building = community && (await findAreaByPath(linli.deps.db, community.id, ['保利紫山', '3栋']));
    expect(await findChat(linli.deps.db, 'telegram', '-100500')).toMatchObject({
      kind: 'building',
      title: '保利紫山3栋业主群',
      areaId: building?.id,
    });
  });

  it('does a whole registration: 登记 in the group, the link, the form in the private chat', async () => {
    const inGroup = user({ userId: 3001, chatId: -100500, firstName: '赵敏', type: 'group', chatTitle: '保利紫山3栋业主群' });
    await inGroup.say('登记');
    const [invite] = await inGroup.replies();
    const code = /start=([A-Z0-9]{6})/.exec(invite ?? '')?.[1];
    expect(invite).toContain('https://t.me/TestNameBot?start=');
    expect(invite).not.toMatch(/身份证号码|手机号码/);

    const zhao = user({ userId: 3001, chatId: 3001, firstName: '赵敏' });
    const turns: Array<[string, string]> = [
      [`/start ${code}`, '回复「同意」开始登记'],
      ['同意', '真实姓名'],
      ['赵敏', '身份证号码'],
      ['310104198506120422', '手机号码'],
      ['13812345678', '哪一栋'],
      ['3栋1单元101', '业主'],
      ['1', '户籍地'],
      ['上海', '哪天开始住'],
      ['2020.5.1', '14天内'],
      ['没有', '健康码'],
      ['绿码', '疫苗'],
      ['3', '核酸'],
      ['跳过', '告诉社区'],
      ['无', '请核对您的信息'],
      ['确认', '登记完成'],
    ];
    for (const [text, expected] of turns) {
      await zhao.say(text);
      // Replies are paced a second apart in a chat: gather them until the expected one is there.
      let heard = '';
      for (let polls = 0; polls < 10 && !heard.includes(expected); polls += 1) heard += (await zhao.replies()).join('\n');
      expect(heard, `after ${text}`).toContain(expected);
    }
    const saved = await linli.deps.db.query<{ name: string; reports: number }>(
      `SELECT p.name, (SELECT count(*)::int FROM reports r WHERE r.person_id = p.id) AS reports
       FROM accounts a JOIN persons p ON p.id = a.person_id WHERE a.platform = 'telegram' AND a.platform_user_id = '3001'`,
    );
    expect(saved).toEqual([{ name: '赵敏', reports: 1 }]);
  }, 120_000);
});
