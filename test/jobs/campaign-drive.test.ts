import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTranscript, type TranscriptLine } from '../../src/bot/channels/sandbox.ts';
import { campaignEndJob, campaignPromptJob, queueCampaignEnd, queueCampaignStart } from '../../src/jobs/campaign-queue.ts';
import { promptSchedulerId, remindSchedulerId } from '../../src/jobs/campaign-drive.ts';
import { pauseCampaignGroup } from '../../src/store/campaign-chats.ts';
import { campaignSettingsSchema, getCampaign, saveCampaign, type Campaign } from '../../src/store/campaigns.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { purgeExpired } from '../../src/store/retention.ts';
import { converse, say, texts } from '../support/chat.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';
import { runScheduledNow, untilTimersIdle } from '../support/scheduled.ts';
import { until } from '../support/until.ts';

/**
 * A campaign's drive in the demo community's sandbox groups: announced once per group, prompted
 * daily (the test drives BullMQ's scheduler by promoting its next job) with the open room numbers
 * until the rooms are counted, thanked and closed at its end, its data then purged.
 */
let now = new Date('2026-03-05T01:00:00Z'); // 09:00 in Asia/Shanghai
let linli: TestLinli;
let campaign: Campaign;
const groups = { building3: '保利紫山3栋业主群', building5: '保利紫山5栋业主群', village: '长庚里租户群', market: '幸福市场商户群', staff: '社区工作群' };

beforeAll(async () => {
  linli = await startTestLinli({ clock: () => now });
  await loadDemo(linli.deps.db, linli.deps.cipher);
  const communityId = (await linli.deps.db.query<{ id: number }>(`SELECT id FROM areas WHERE kind = 'community'`))[0]?.id ?? 0;
  const id = await saveCampaign(linli.deps.db, {
    communityId,
    name: '返乡人员登记',
    formId: 'registration',
    startsOn: '2026-03-04',
    endsOn: '2026-03-31',
    retentionDays: 30,
    settings: campaignSettingsSchema.parse({ scope: 'all', promptAt: '10:00', reminders: ['20:00'] }),
  });
  const saved = await getCampaign(linli.deps.db, id);
  if (!saved) throw new Error('the campaign was not saved');
  campaign = saved;
}, 180_000);
afterAll(async () => {
  await linli?.close();
});

const nextDay = () => {
  now = new Date(now.getTime() + 86_400_000);
};

const linesIn = async (chat: string): Promise<TranscriptLine[]> =>
  (await readTranscript(linli.deps.db, linli.deps.cipher, {})).filter((line) => line.chat === chat);
const countIn = async (chat: string, words: string) => (await linesIn(chat)).filter((line) => line.text.includes(words)).length;
const lastIn = async (chat: string, words: string) => (await linesIn(chat)).filter((line) => line.text.includes(words)).at(-1)?.text ?? '';

async function register(user: string, id: string, phone: string, room: string): Promise<void> {
  await say(linli, user, groups.building3, '登记');
  await converse(linli, user, 'dm', [
    ['同意', '姓名'], [user, '身份证'], [id, '手机'], [phone, '哪一栋'], [room, '业主'], ['1', '户籍'], ['北京', '哪天'],
    ['2020.1.1', '14天内'], ['没有', '健康码'], ['绿', '疫苗'], ['跳过', '核酸'], ['跳过', '告诉社区'], ['跳过', '核对'], ['确认', '完成'],
  ]);
}

describe('a campaign drive in the groups', () => {
  it('is announced once in every group in scope, even when started twice, and sets its daily prompt at 10:00', async () => {
    await queueCampaignStart(linli.deps.jobs, campaign.id, now);
    await queueCampaignStart(linli.deps.jobs, campaign.id, new Date(now.getTime() + 1000));
    await until(async () => (await countIn(groups.market, '社区开始登记')) > 0, 30_000);
    await untilTimersIdle(linli);
    for (const chat of [groups.building3, groups.building5, groups.village, groups.market]) {
      expect(await countIn(chat, '【返乡人员登记】社区开始登记'), chat).toBe(1);
    }
    expect(await countIn(groups.staff, '社区开始登记')).toBe(0);
    const announcement = await lastIn(groups.building3, '社区开始登记');
    expect(announcement).toContain('2026-03-04至2026-03-31');
    expect(announcement).toContain('发“登记”');
    const next = await linli.deps.jobs.nextScheduled('timers', promptSchedulerId(campaign.id));
    expect(next).toBeDefined();
    // 10:00 in Asia/Shanghai is 02:00 UTC.
    expect([next?.at.getUTCHours(), next?.at.getUTCMinutes()]).toEqual([2, 0]);
  });

  it('prompts each group with the room numbers still open, and none where a group has no rooms', async () => {
    await runScheduledNow(linli, promptSchedulerId(campaign.id));
    const prompt = await lastIn(groups.building3, '未登记');
    expect(prompt).toContain('3栋还有24户未登记：1单元101、1单元102、1单元201');
    const village = await lastIn(groups.village, '未登记');
    expect(village).toContain('96号、98号、102号还有24户未登记：96号101、96号102');
    expect(await countIn(groups.market, '未登记')).toBe(0);
    expect(await countIn(groups.building5, '未登记')).toBe(0);
    expect(await countIn(groups.staff, '未登记')).toBe(0);
    expect(prompt).not.toMatch(/赵敏|钱进|138|139/);
  });

  it('sends nothing more when the prompt runs again the same day', async () => {
    const before = await countIn(groups.building3, '未登记');
    await linli.deps.jobs.add('timers', campaignPromptJob, { campaignId: campaign.id }, { jobId: 'prompt-again-same-day' });
    await untilTimersIdle(linli);
    expect(await countIn(groups.building3, '未登记')).toBe(before);
  });

  it('leaves out the rooms of households that registered, and of rooms a resident says are empty or away', async () => {
    await register('赵敏', '44060319900101109X', '13812345678', '3栋1单元101');
    await register('钱进', '110101199003071057', '13900001111', '3栋1单元102');
    expect(texts(await say(linli, '孙丽', 'dm', '3栋2单元602空置'))).toContain('已记下：3栋2单元602空置');
    // 赵敏 lives in 3栋1单元: 201 alone is read in her building and unit.
    expect(texts(await say(linli, '赵敏', 'dm', '201全家回老家了'))).toContain('已记下：3栋1单元201的住户暂时不在本地');
    expect(texts(await say(linli, '周强', 'dm', '房子空着'))).toContain('请问是哪一户');
    expect(texts(await say(linli, '周强', 'dm', '9栋101空置'))).toContain('没有找到房号“9栋101”');
    // Inside a form, the same words are the form's answer, never a mark.
    await say(linli, '吴芳', 'dm', '登记');
    expect(texts(await say(linli, '吴芳', 'dm', '3栋2单元501空置'))).not.toContain('已记下');
    nextDay();
    await runScheduledNow(linli, promptSchedulerId(campaign.id));
    const prompt = await lastIn(groups.building3, '未登记');
    expect(prompt).toContain('3栋还有20户未登记：1单元202、1单元301');
    expect(prompt).not.toMatch(/1单元101|1单元102|1单元201[、。]|2单元602/);
  });

  it('reminds privately, once a day, whoever left the form unfinished', async () => {
    await runScheduledNow(linli, remindSchedulerId(campaign.id, 0));
    const reminders = async () => (await readTranscript(linli.deps.db, linli.deps.cipher, {})).filter((line) => line.chat === 'dm' && line.text.includes('登记还没有填完'));
    expect((await reminders()).map((line) => line.to)).toEqual(['吴芳']);
    await runScheduledNow(linli, remindSchedulerId(campaign.id, 0));
    expect(await reminders()).toHaveLength(1);
  });

  it('thanks a group once when every room is accounted for, then prompts it no more', async () => {
    await linli.deps.db.query(
      `INSERT INTO room_marks (room_id, state, source)
       SELECT r.id, 'empty', 'staff' FROM areas r JOIN areas b ON b.id = r.parent_id JOIN areas s ON s.id = b.parent_id
       WHERE r.kind = 'room' AND s.name = '长庚里' ON CONFLICT DO NOTHING`,
    );
    const prompts = await countIn(groups.village, '未登记');
    nextDay();
    await runScheduledNow(linli, promptSchedulerId(campaign.id));
    expect(await countIn(groups.village, '每一户都已登记或说明了情况')).toBe(1);
    nextDay();
    await runScheduledNow(linli, promptSchedulerId(campaign.id));
    expect(await countIn(groups.village, '每一户都已登记或说明了情况')).toBe(1);
    expect(await countIn(groups.village, '未登记')).toBe(prompts);
  });

  it('announces itself to a group bound since the start, then prompts it', async () => {
    await linli.deps.db.query(
      `INSERT INTO chats (platform, platform_chat_id, kind, area_id, bound_at)
       SELECT 'sandbox', '保利紫山1栋业主群', 'building', b.id, now() FROM areas b JOIN areas s ON s.id = b.parent_id
       WHERE b.name = '1栋' AND s.name = '保利紫山'`,
    );
    nextDay();
    await runScheduledNow(linli, promptSchedulerId(campaign.id));
    const lines = (await linesIn('保利紫山1栋业主群')).map((line) => line.text);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('社区开始登记');
    expect(lines[1]).toContain('1栋还有12户未登记：1单元101、1单元102');
  });

  it('prompts no paused group', async () => {
    const chat = (await linli.deps.db.query<{ id: number }>('SELECT id FROM chats WHERE platform_chat_id = $1', [groups.building3]))[0]?.id ?? 0;
    expect(await pauseCampaignGroup(linli.deps.db, campaign.id, chat, true)).toBe(true);
    const before = await countIn(groups.building3, '未登记');
    nextDay();
    await runScheduledNow(linli, promptSchedulerId(campaign.id));
    expect(await countIn(groups.building3, '未登记')).toBe(before);
  });

  it('closes, in its daily pass, a campaign whose end date has passed, keeping that date for the retention', async () => {
    const past = await saveCampaign(linli.deps.db, {
      communityId: campaign.communityId,
      name: '高温探访',
      formId: 'registration',
      startsOn: '2026-03-01',
      endsOn: '2026-03-05',
      retentionDays: 30,
      settings: campaignSettingsSchema.parse({ scope: 'building:保利紫山/1栋' }),
    });
    await runScheduledNow(linli, promptSchedulerId(campaign.id));
    await until(async () => (await getCampaign(linli.deps.db, past))?.endedAt instanceof Date, 30_000);
    expect((await getCampaign(linli.deps.db, past))?.endsOn).toBe('2026-03-05');
    expect((await getCampaign(linli.deps.db, campaign.id))?.endedAt).toBeNull();
  });

  it('ends with one thanks per group and the final count, stops its schedule, and hands its data to the purge', async () => {
    await queueCampaignEnd(linli.deps.jobs, campaign.id, linli.deps.clock());
    await until(async () => (await countIn(groups.market, '登记已结束')) > 0, 30_000);
    await linli.deps.jobs.add('timers', campaignEndJob, { campaignId: campaign.id }, { jobId: 'end-again' });
    await untilTimersIdle(linli);
    for (const chat of [groups.building3, groups.building5, groups.village, groups.market, '保利紫山1栋业主群']) expect(await countIn(chat, '登记已结束'), chat).toBe(1);
    expect(await lastIn(groups.building3, '登记已结束')).toContain('3栋共24户：2户已登记，2户空置或不在本地，20户未登记');
    expect(await linli.deps.jobs.nextScheduled('timers', promptSchedulerId(campaign.id))).toBeUndefined();
    expect(await linli.deps.jobs.nextScheduled('timers', remindSchedulerId(campaign.id, 0))).toBeUndefined();
    const ended = await getCampaign(linli.deps.db, campaign.id);
    expect(ended?.endedAt).toBeInstanceOf(Date);
    expect(ended?.endsOn).toBe('2026-03-10');
    // With no campaign running, the same words are not taken for a mark.
    expect(texts(await say(linli, '孙丽', 'dm', '3栋2单元601空置'))).not.toContain('已记下');

    expect((await linli.deps.db.query(`SELECT 1 FROM room_marks WHERE person_id IS NOT NULL`)).length).toBe(2);
    // Not before its retention has run out (30 days after the end), then its reports are emptied.
    expect((await purgeExpired(linli.deps.db, linli.deps.cipher, '2026-04-09')).campaigns).toEqual(['高温探访']);
    expect((await purgeExpired(linli.deps.db, linli.deps.cipher, '2026-04-10')).campaigns).toEqual(['返乡人员登记']);
    const reports = await linli.deps.db.query<{ erased_at: Date | null; answers_enc: string }>('SELECT erased_at, answers_enc FROM reports WHERE campaign_id = $1', [campaign.id]);
    expect(reports.length).toBeGreaterThanOrEqual(2);
    for (const report of reports) {
      expect(report.erased_at).toBeInstanceOf(Date);
      expect(linli.deps.cipher.decrypt(report.answers_enc)).toBe('{}');
    }
    expect((await getCampaign(linli.deps.db, campaign.id))?.purgedAt).toBeInstanceOf(Date);
    // The rooms stay marked; who said so is forgotten with the rest.
    expect(await linli.deps.db.query(`SELECT state FROM room_marks WHERE source = 'resident' AND person_id IS NOT NULL`)).toEqual([]);
  });
});
