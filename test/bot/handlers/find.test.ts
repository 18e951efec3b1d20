import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../../src/time.ts';
import { say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { loadDigestCommunity, register } from '../../reports/digest-community.ts';

const today = localDay(new Date(), 'Asia/Shanghai');
let linli: TestLinli;

beforeAll(async () => {
  linli = await startTestLinli();
  await loadDigestCommunity(linli);
  await register(linli, today, { user: '赵敏', group: '保利紫山3栋业主群', serial: 21, room: '3栋1单元101' });
});
afterAll(async () => {
  await linli?.close();
});

const dm = async (user: string, text: string) => texts(await say(linli, user, 'dm', text, today));

describe('查找 in a private chat', () => {
  it('finds a resident for staff, by name, by sound and by a phone tail, with why', async () => {
    expect(await dm('李主任', '查找 赵敏')).toBe('「赵敏」找到1人：\n1. 赵敏 相符度100%：姓名相同：赵敏');
    expect(await dm('周楼长', '/find 照敏 0021')).toBe('「照敏 0021」找到1人：\n1. 赵敏 相符度93%：姓名同音：赵敏、手机尾号0021');
    const audit = await linli.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'find' AND details->>'via' = 'chat'");
    expect(audit[0]?.n).toBe(2);
  });

  it('says so when nobody matches, and what to write when nothing follows the command', async () => {
    expect(await dm('周楼长', '查找 司马光 8888')).toContain('没有找到相符的人：司马光 8888');
    expect(await dm('李主任', '查找')).toContain('例如：查找 张伟 8000');
  });

  it('is only for staff, and only in a private chat', async () => {
    expect(await dm('赵敏', '查找 李主任')).not.toContain('找到');
    expect(texts(await say(linli, '周楼长', '保利紫山3栋业主群', '/find 赵敏', today))).toBe('查找会看到个人信息，请私聊我发送。');
  });
});
