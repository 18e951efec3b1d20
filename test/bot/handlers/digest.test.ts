import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askMorningCheckins } from '../../../src/jobs/checkins.ts';
import { digestWindow } from '../../../src/reports/digest.ts';
import { localDay } from '../../../src/time.ts';
import { say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { loadDigestCommunity, register } from '../../reports/digest-community.ts';

// Rows are stamped by the database's clock: the day is the real today, and the bot's clock is 10:30 of it.
const timeZone = 'Asia/Shanghai';
const today = localDay(new Date(), timeZone);
const tenThirty = new Date(digestWindow(today, timeZone).start.getTime() + 10.5 * 3_600_000);
let linli: TestLinli;

beforeAll(async () => {
  linli = await startTestLinli({ clock: () => tenThirty });
  await loadDigestCommunity(linli);
  await register(linli, today, { user: '赵敏', group: '保利紫山3栋业主群', serial: 21, room: '3栋1单元101', arrived: '昨天' });
  expect(await askMorningCheckins(linli.deps)).toBe(1);
});
afterAll(async () => {
  await linli?.close();
});

const dm = async (user: string, text: string) => texts(await say(linli, user, 'dm', text, today));

describe('日报 in a private chat', () => {
  it('gives a staff member today\'s digest so far, over their scope', async () => {
    const reply = await dm('周楼长', '日报');
    expect(reply).toMatch(new RegExp(`^【每日简报】${today} 保利紫山3栋（截至10:30）\n登记住户：1人，当天新增1人\n居家观察：1人\n`));
    expect(reply).toContain('当天打卡：应打卡1人，已打卡0人，未打卡0人，1人还没到提醒时间');
    expect(reply).toMatch(new RegExp(`\\n📎 日报-${today}-保利紫山3栋\\.xlsx \\(\\d+ KB\\)\\n {3}\\S+$`));
    expect(await dm('周楼长', '/digest')).toContain('【每日简报】');
    const audit = await linli.deps.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'digest.read' AND details->>'via' = 'chat'",
    );
    expect(audit[0]?.n).toBe(2);
  });

  it('answers in the staff member\'s language', async () => {
    await dm('李主任', '/lang en');
    const reply = await dm('李主任', 'digest');
    expect(reply).toContain(`[Daily digest] ${today} 幸福社区 (as of 10:30)`);
    expect(reply).toMatch(
      /Registered residents: 1, 1 new that day\nUnder observation: 1\n· 赵敏 3栋1单元101 until \d{4}-\d{2}-\d{2} \(day 1\)\nCheck-ins: 1 due, 0 answered, 0 missed, 1 not yet reminded/,
    );
    expect(reply).toContain(`📎 digest-${today}-幸福社区.xlsx`);
    expect(reply).toContain(`幸福社区 by building: registered residents and the day's check-ins (${today}, as of 10:30)\n📎 digest-chart-${today}-幸福社区.png`);
  });

  it('tells someone who is not staff that it is for staff, and what they can do instead', async () => {
    for (const text of ['日报', '/digest']) {
      const reply = await dm('王芳', text);
      expect(reply).toContain('这是社区工作人员使用的功能');
      expect(reply).toContain('我的信息');
      expect(reply).not.toContain('【每日简报】');
    }
  });

  it('keeps the digest out of groups', async () => {
    const asked = await say(linli, '周楼长', '保利紫山3栋业主群', '/digest', today);
    expect(texts(asked)).toBe('日报里有住户的信息，请私聊我发送「日报」。');
    expect(await say(linli, '周楼长', '保利紫山3栋业主群', '日报', today)).toEqual([]);
  });
});
