import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { converse, say, texts } from '../../support/chat.ts';
import { fakePlatform } from '../../support/fake-platform.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

/** A resident registered in the sandbox links their Telegram account: one person, two accounts. */
let linli: TestLinli;
let onTelegram: (text: string) => Promise<string>;

beforeAll(async () => {
  linli = await startTestLinli();
  const telegram = fakePlatform(linli, 'telegram');
  onTelegram = async (text) => (await telegram.tell('555', '555', 'private', text)).join('\n');
});
afterAll(async () => {
  await linli?.close();
});

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
