import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noPacing } from '../../../src/bot/channels/channel.ts';
import { ingest } from '../../../src/bot/ingest.ts';
import { waitUntilSettled } from '../../../src/bot/settle.ts';
import type { Outbound } from '../../../src/bot/message.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

/** A resident registered in the sandbox links their Telegram account: one person, two accounts. */
let linli: TestLinli;
const sent: Outbound[] = [];

beforeAll(async () => {
  linli = await startTestLinli();
  linli.deps.channels.register({
    platform: 'telegram',
    pacing: noPacing,
    transactional: true,
    async send(message) {
      sent.push(message);
      return {};
    },
  });
});
afterAll(async () => {
  await linli?.close();
});

let n = 0;
async function onTelegram(text: string): Promise<string> {
  const before = sent.length;
  const result = await ingest(linli.deps, {
    platform: 'telegram', chatId: '555', chatKind: 'private', senderId: '555', senderName: 'Fang', text,
    messageId: `555:${(n += 1)}`, at: new Date(),
  });
  if (result.kind !== 'accepted') throw new Error(result.kind);
  await waitUntilSettled(linli.deps.db, [result.inboundId], { timeoutMs: 20_000 });
  return sent.slice(before).map((m) => m.text).join('\n');
}

describe('linking accounts', () => {
  it('joins a second platform\'s account to the registered person with a one-time code', async () => {
    await say(linli, '王芳', 'dm', '登记');
    await converse(linli, '王芳', 'dm', [
      ['同意', '姓名'], ['王芳', '身份证'], ['44060319900101109X', '手机'], ['13812345678', '哪一栋'],
      ['3栋2单元502', '业主'], ['1', '户籍'], ['广东揭阳', '哪天'], ['2021.3.1', '14天内'], ['没有', '健康码'],
      ['绿', '疫苗'], ['跳过', '核酸'], ['跳过', '告诉社区'], ['跳过', '核对'], ['确认', '完成'],
    ]);
    expect(await onTelegram('我的信息')).toContain('您还没有登记');
    const shown = texts(await say(linli, '王芳', 'dm', '关联账号'));
    const code = /关联码：([A-Z0-9]{6})/.exec(shown)?.[1] ?? '';
    expect(code).toHaveLength(6);
    expect(await onTelegram(`关联 ${code}`)).toContain('已关联');
    expect(await onTelegram('我的信息')).toContain('4406**********109X');
    const persons = await linli.deps.db.query<{ n: number }>(
      `SELECT count(DISTINCT person_id)::int AS n FROM accounts WHERE platform_user_id IN ('王芳', '555')`,
    );
    expect(persons[0]?.n).toBe(1);
    expect(await onTelegram(`关联 ${code}`)).toContain('不对或已过期');
  });

  it('refuses a code that is not there', async () => {
    expect(await onTelegram('/link ABCDEF')).toContain('不对或已过期');
  });
});
