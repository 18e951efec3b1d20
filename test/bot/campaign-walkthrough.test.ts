import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTranscript } from '../../src/bot/channels/sandbox.ts';
import { promptSchedulerId } from '../../src/jobs/campaign-drive.ts';
import { campaignsNamed } from '../../src/store/campaigns.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { converse, say, texts } from '../support/chat.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';
import { runScheduledNow } from '../support/scheduled.ts';
import { until } from '../support/until.ts';

/**
 * A committee member tries a campaign as a new user would, in the sandbox: starts it in a private
 * chat, sees it announced in the building's group and the daily prompt list the rooms still open;
 * two households register from the group, and their rooms are gone from the next day's prompt.
 */
let now = new Date('2026-03-05T01:00:00Z'); // 09:00 in Asia/Shanghai
let linli: TestLinli;
const group = '保利紫山3栋业主群';

beforeAll(async () => {
  linli = await startTestLinli({ clock: () => now });
  await loadDemo(linli.deps.db, linli.deps.cipher);
}, 180_000);
afterAll(async () => {
  await linli?.close();
});

const groupLines = async () => (await readTranscript(linli.deps.db, linli.deps.cipher, {})).filter((line) => line.chat === group).map((line) => line.text);

/** The daily prompt's time comes: its scheduled job is made due now; the group's latest prompt. */
async function promptTimeComes(campaignId: number): Promise<string> {
  await runScheduledNow(linli, promptSchedulerId(campaignId));
  return (await groupLines()).filter((text) => text.includes('未登记')).at(-1) ?? '';
}

async function registerHousehold(user: string, id: string, phone: string, room: string): Promise<void> {
  expect(texts(await say(linli, user, group, '登记'))).not.toBe('');
  await converse(linli, user, 'dm', [
    ['同意', '姓名'], [user, '身份证'], [id, '手机'], [phone, '哪一栋'], [room, '业主'], ['1', '户籍'], ['北京', '哪天'],
    ['2020.1.1', '14天内'], ['没有', '健康码'], ['绿', '疫苗'], ['跳过', '核酸'], ['跳过', '告诉社区'], ['跳过', '核对'], ['确认', '完成'],
  ]);
}

describe('a campaign tried in the sandbox', () => {
  it('is started in chat, prompts with the open rooms, and forgets the rooms of households that registered', async () => {
    await converse(linli, '李主任', 'dm', [
      ['发起登记', '这次登记活动叫什么'],
      ['春节返乡登记', '用哪个表单'],
      ['1', '在哪些地方登记'],
      ['building:保利紫山/3栋', '哪天开始'],
      ['今天', '哪天结束'],
      ['跳过', '每天几点'],
      ['10:00', '保留多少天'],
      ['30', '【登记活动预览】'],
      ['确认', '已发起'],
    ]);
    const [campaign] = await campaignsNamed(linli.deps.db, '春节返乡登记');
    if (!campaign) throw new Error('the campaign was not saved');
    await until(async () => (await groupLines()).some((text) => text.includes('社区开始登记')), 30_000);

    const first = await promptTimeComes(campaign.id);
    expect(first).toContain('3栋还有24户未登记');
    expect(first).toContain('1单元101');
    expect(first).toContain('2单元502');

    await registerHousehold('赵丽', '110101199003074514', '13912345678', '3栋1单元101');
    await registerHousehold('钱进', '11010519491231002X', '13812345678', '3栋2单元502');

    now = new Date(now.getTime() + 86_400_000);
    const next = await promptTimeComes(campaign.id);
    expect(next).toContain('3栋还有22户未登记');
    expect(next).not.toContain('1单元101');
    expect(next).not.toContain('2单元502');
    expect(next).toContain('1单元102');
    expect(next).not.toMatch(/赵丽|钱进|139|138/);
  });
});
