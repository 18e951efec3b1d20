import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../../src/store/demo.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

let linli: TestLinli;
beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
});
afterAll(async () => {
  await linli?.close();
});

/** A whole registration as a resident answers it, with a family member on top. */
const registration: Array<readonly [string, string | RegExp]> = [
  ['登记', '同意'],
  ['同意', '真实姓名'],
  ['赵丽', '身份证号码'],
  ['110101199003074514', '手机号码'],
  ['13912345678', '哪一栋'],
  ['3栋2单元502', '业主'],
  ['1', '户籍地'],
  ['广东揭阳', '哪天开始住'],
  ['2021.3.1', '14天内'],
  ['没有', '健康码'],
  ['绿码', '疫苗'],
  ['3', '核酸'],
  ['昨天 阴性', '告诉社区'],
  ['我的电话13912345678', '请核对'],
  ['确认', '登记完成'],
];

const personOf = async (user: string) =>
  (
    await linli.deps.db.query<{ id: number; name: string | null; id_number_enc: string | null; phone_enc: string | null; erased_at: Date | null }>(
      `SELECT p.id, p.name, p.id_number_enc, p.phone_enc, p.erased_at FROM accounts a JOIN persons p ON p.id = a.person_id WHERE a.platform_user_id = $1`,
      [user],
    )
  )[0];

describe('删除我的信息', () => {
  it('asks first, says what goes and what stays, and deletes on 确认删除', async () => {
    await converse(linli, '赵丽', 'dm', registration);
    expect((await personOf('赵丽'))?.name).toBe('赵丽');

    await converse(linli, '赵丽', 'dm', [
      ['删除我的信息', '确定删除，请回复「确认删除」'],
      ['确认删除', '已删除您的个人信息'],
    ]);
    const person = await personOf('赵丽');
    expect(person).toMatchObject({ name: null, id_number_enc: null, phone_enc: null });
    expect(person?.erased_at).not.toBeNull();

    const reports = await linli.deps.db.query<{ answers_enc: string; answers_masked: unknown }>(
      'SELECT answers_enc, answers_masked FROM reports WHERE person_id = $1',
      [person?.id],
    );
    expect(reports).toHaveLength(1);
    expect(linli.deps.cipher.decrypt(reports[0]?.answers_enc ?? '')).toBe('{}');
    expect(reports[0]?.answers_masked).toEqual({});

    const readable = await linli.deps.db.query<{ text_enc: string | null }>(
      `SELECT m.text_enc FROM inbound_messages m JOIN accounts a ON a.id = m.account_id WHERE a.platform_user_id = '赵丽' AND m.text_enc IS NOT NULL`,
    );
    expect(readable).toEqual([]);
    const sent = await linli.deps.db.query<{ text_enc: string }>(
      `SELECT o.text_enc FROM outbox o JOIN accounts a ON a.id = o.to_account_id WHERE a.platform_user_id = '赵丽' AND o.status = 'sent'`,
    );
    expect(sent.map((row) => linli.deps.cipher.decrypt(row.text_enc)).join('\n')).not.toMatch(/赵丽|1101|4514|5678/);

    const audit = await linli.deps.db.query<{ action: string; details: { persons: number; reports: number } }>(
      `SELECT action, details FROM audit_log WHERE subject_person_id = $1`,
      [person?.id],
    );
    expect(audit).toEqual([{ action: 'person.erase', details: { persons: 1, reports: 1, via: 'chat' } }]);

    expect(texts(await say(linli, '赵丽', 'dm', '我的信息'))).toContain('您还没有登记');
  });

  it('takes 确认删除 only as the next message: anything else in between cancels, and nothing is deleted', async () => {
    await converse(linli, '钱明', 'dm', registration.map(([text, reply]) => [text === '赵丽' ? '钱明' : text === '110101199003074514' ? '11010119900307803X' : text, reply] as const));
    await converse(linli, '钱明', 'dm', [
      ['删除我的信息', '确认删除'],
      ['算了', ''],
      ['确认删除', '没有要删除的请求'],
    ]);
    expect((await personOf('钱明'))?.name).toBe('钱明');
    expect(texts(await say(linli, '钱明', 'dm', '我的信息'))).toContain('钱明');
  });

  it('in a group, points to the private chat and deletes nothing there; in English, speaks English', async () => {
    expect(texts(await say(linli, '孙强', '保利紫山3栋业主群', '@邻里 删除我的信息'))).toContain('请私聊我');
    await converse(linli, 'Alice', 'dm', [
      ['/lang en', ''],
      ['delete my info', 'reply "confirm delete"'],
      ['Confirm delete!', 'Your personal data has been deleted'],
    ]);
  });
});
