import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { converse, say, texts } from '../../support/chat.ts';
import { fakePlatform } from '../../support/fake-platform.ts';
import { issueRelinkCode } from '../../../src/cli/relink-code.ts';
import { findAccount } from '../../../src/store/accounts.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

/** A resident registered in the sandbox links their Telegram account: one person, two accounts. */
let linli: TestLinli;
let onTelegram: (text: string) => Promise<string>;
let onWechat: (user: string, text: string) => Promise<string>;

beforeAll(async () => {
  linli = await startTestLinli();
  // Registering needs a community loaded.
  await loadDemo(linli.deps.db, linli.deps.cipher);
  const telegram = fakePlatform(linli, 'telegram');
  onTelegram = async (text) => (await telegram.tell('555', '555', 'private', text)).join('\n');
  const wechat = fakePlatform(linli, 'wechat');
  onWechat = async (user, text) => (await wechat.tell(user, user, 'private', text)).join('\n');
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

describe('a WeChat id that changed', () => {
  const registration: [string, string][] = [
    ['同意', '姓名'], ['孙丽', '身份证'], ['110101199003071057', '手机'], ['13900002222', '哪一栋'],
    ['3栋2单元601', '业主'], ['1', '户籍'], ['北京', '哪天'], ['2020.5.1', '14天内'], ['没有', '健康码'],
    ['绿', '疫苗'], ['跳过', '核酸'], ['跳过', '告诉社区'], ['跳过', '核对'], ['确认', '完成'],
  ];

  it('moves the records to the new id with a code staff issued, and only once', async () => {
    expect(await onWechat('wxid_sun_old', '登记')).toContain('同意');
    for (const [answer, expected] of registration) expect(await onWechat('wxid_sun_old', answer)).toContain(expected);
    const old = await findAccount(linli.deps.db, 'wechat', 'wxid_sun_old');

    expect(await onWechat('wxid_sun_new', '我的信息')).toContain('您还没有登记');
    const { code, personName } = await linli.deps.db.transaction((tx) => issueRelinkCode(tx, linli.deps.cipher, '13900002222'));
    expect(personName).toBe('孙丽');
    expect(await onWechat('wxid_sun_new', `关联 ${code}`)).toContain('已找回');

    expect((await findAccount(linli.deps.db, 'wechat', 'wxid_sun_new'))?.accountId).toBe(old?.accountId);
    expect(await findAccount(linli.deps.db, 'wechat', 'wxid_sun_old')).toBeUndefined();
    const mine = await onWechat('wxid_sun_new', '我的信息');
    expect(mine).toContain('1101**********1057');
    expect(mine).toContain('3栋2单元601');
    expect(await onWechat('wxid_sun_new', `关联 ${code}`)).toContain('不对或已过期');
    const audit = await linli.deps.db.query(`SELECT 1 FROM audit_log WHERE action = 'persons.relink-code' AND subject_person_id = $1`, [old?.personId]);
    expect(audit).toHaveLength(1);
  });

  it('is only issued for a person with a WeChat account, and joins a Telegram account like a link code', async () => {
    await expect(linli.deps.db.transaction((tx) => issueRelinkCode(tx, linli.deps.cipher, '王芳'))).rejects.toThrow(/no WeChat account/);
    await expect(linli.deps.db.transaction((tx) => issueRelinkCode(tx, linli.deps.cipher, '没这人'))).rejects.toThrow(/nobody registered/);
    const { code } = await linli.deps.db.transaction((tx) => issueRelinkCode(tx, linli.deps.cipher, '孙丽'));
    const telegram = fakePlatform(linli, 'telegram');
    expect((await telegram.tell('777', '777', 'private', `关联 ${code}`)).join('\n')).toContain('已关联');
    const wechatAccount = await findAccount(linli.deps.db, 'wechat', 'wxid_sun_new');
    expect(wechatAccount).toBeDefined();
    expect((await findAccount(linli.deps.db, 'telegram', '777'))?.personId).toBe(wechatAccount?.personId);
  });
});
