import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCommunity } from '../../../src/store/areas.ts';
import { countBuildings } from '../../../src/store/campaign-coverage.ts';
import { readCampaignFile } from '../../../src/dialogs/campaign-file.ts';
import { getCampaign, saveCampaign, type Campaign } from '../../../src/store/campaigns.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

/**
 * Campaigns with forms of their own, through the real message path: the heat-wave check of
 * docs/campaigns, then the flood-season list on the same places, answered in one go.
 */
let linli: TestLinli;
let communityId: number;
beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
  communityId = (await findCommunity(linli.deps.db, '幸福社区'))?.id ?? 0;
}, 120_000);
afterAll(async () => {
  await linli?.close();
});

const group = '保利紫山3栋业主群';

async function startDrive(name: string, file: string): Promise<Campaign> {
  const { settings } = readCampaignFile(file, fs.readFileSync(new URL(`../../../docs/campaigns/${file}.yaml`, import.meta.url), 'utf8'));
  const id = await saveCampaign(linli.deps.db, {
    communityId, name, formId: 'registration', startsOn: '2026-03-01', endsOn: '2026-03-31', retentionDays: 30, settings,
  });
  const campaign = await getCampaign(linli.deps.db, id);
  if (!campaign) throw new Error('the campaign was not saved');
  return campaign;
}

interface ReportRow extends Record<string, unknown> {
  campaign: string;
  form_id: string;
  answers_enc: string;
}

async function reportsOf(person: string): Promise<Array<{ campaign: string; formId: string; answers: Record<string, unknown> }>> {
  const rows = await linli.deps.db.query<ReportRow>(
    `SELECT c.name AS campaign, r.form_id, r.answers_enc FROM reports r JOIN campaigns c ON c.id = r.campaign_id
     JOIN accounts a ON a.person_id = r.person_id WHERE a.platform_user_id = $1 ORDER BY r.id`,
    [person],
  );
  return rows.map((row) => ({ campaign: row.campaign, formId: row.form_id, answers: JSON.parse(linli.deps.cipher.decrypt(row.answers_enc)) as Record<string, unknown> }));
}

const counted = async (campaign: Campaign, building: string) =>
  (await countBuildings(linli.deps.db, campaign, { timeZone: 'Asia/Shanghai', day: '2026-03-05' }))
    .find((count) => count.building === building);

let heat: Campaign;

describe('a campaign with a form of its own', () => {
  it('takes the form id of its own form', async () => {
    heat = await startDrive('高温探访', 'heat-check');
    expect(heat.formId).toBe('heat-check');
  });

  it('runs from 登记 in a group of its scope to a report that counts the room', async () => {
    const opened = await say(linli, '陈桂兰', group, '登记');
    expect(texts(opened.filter((line) => line.chat === group))).toContain('已经私聊您了');
    expect(texts(opened.filter((line) => line.chat === 'dm'))).toContain('【高温探访】');
    expect(texts(opened)).toContain('30天后删除');
    await converse(linli, '陈桂兰', 'dm', [
      ['同意', '老人的姓名'],
      ['陈桂兰', '哪一栋'],
      ['3栋1单元101', '手机号码'],
      ['13912345678', '一个人住'],
      ['是', '身体怎么样'],
      ['3', '上门'],
      ['需要', /请核对[\s\S]*陈桂兰[\s\S]*独居：是[\s\S]*不太好/],
      ['确认', '登记完成'],
    ]);
    const reports = await reportsOf('陈桂兰');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ campaign: '高温探访', formId: 'heat-check', answers: { name: '陈桂兰', livesAlone: true, health: 'poor', needsVisit: true } });
    const building = await counted(heat, '3栋');
    expect(building?.roomsCounted).toBe(1);
    expect(building?.uncounted).not.toContain('1单元101');
  });

  it('is not asked in a group outside its scope', async () => {
    const opened = texts(await say(linli, '周敏', '长庚里租户群', '登记'));
    expect(opened).not.toContain('高温探访');
    expect(opened).toContain('住户信息登记');
    await say(linli, '周敏', 'dm', '取消');
  });
});

describe('two campaigns on the same places', () => {
  let flood: Campaign;

  it('asks the questions they share once, and keeps a report for each', async () => {
    flood = await startDrive('汛期转移名单', 'flood-evacuation');
    const opened = texts(await say(linli, '黄志强', group, '登记'));
    expect(opened).toContain('这次一起填：高温探访登记、汛期转移登记');
    // One agreement, to what each campaign keeps.
    expect(opened).toContain('【高温探访】');
    expect(opened).toContain('【汛期转移登记】');
    const replies = await converse(linli, '黄志强', 'dm', [
      ['同意', '姓名'],
      ['黄志强', '哪一栋'],
      ['3栋2单元201', '手机号码'],
      ['13800001234', '一个人住'],
      ['不是', '身体'],
      ['1', '上门'],
      ['不需要', '一共住几个人'],
      ['3', '需要别人帮忙'],
      ['有', '几个人需要帮忙'],
      ['1', '行动情况'],
      ['2', '告诉社区'],
      ['无', /请核对[\s\S]*黄志强[\s\S]*住户人数：3[\s\S]*需要轮椅/],
      ['确认', '登记完成'],
    ]);
    const asked = replies.map((reply) => texts(reply)).join('\n');
    expect(asked.match(/姓名？/g)).toHaveLength(1);
    expect(asked.match(/手机号码？/g)).toHaveLength(1);
    const reports = await reportsOf('黄志强');
    expect(reports.map((r) => r.campaign)).toEqual(['高温探访', '汛期转移名单']);
    expect(Object.keys(reports[0]?.answers ?? {}).sort()).toEqual(['health', 'livesAlone', 'name', 'needsVisit', 'phone', 'room']);
    expect(reports[1]?.answers).toMatchObject({ name: '黄志强', phone: '13800001234', people: 3, needsHelp: true, helpCount: 1, mobility: 'wheelchair' });
    expect((await counted(heat, '3栋'))?.roomsCounted).toBe(2);
    expect((await counted(flood, '3栋'))?.roomsCounted).toBe(1);
  });

  it('does not ask again what a resident gave in the other campaign, and shows it to change', async () => {
    const opened = texts(await say(linli, '陈桂兰', group, '登记'));
    expect(opened).toContain('【汛期转移登记】');
    expect(opened).toContain('您在其他登记中填过的联系人姓名、住址、联系电话不再重复问');
    await converse(linli, '陈桂兰', 'dm', [
      ['同意', '一共住几个人'],
      ['1', '需要别人帮忙'],
      ['有', '几个人'],
      ['1', '行动情况'],
      ['1', '告诉社区'],
      ['无', /请核对[\s\S]*1\. 联系人姓名：陈桂兰/],
      ['修改 1', '联系人姓名'],
      ['陈桂英', /请核对[\s\S]*陈桂英/],
      ['确认', '登记完成'],
    ]);
    const reports = await reportsOf('陈桂兰');
    expect(reports.map((r) => r.campaign)).toEqual(['高温探访', '汛期转移名单']);
    expect(reports[1]?.answers).toMatchObject({ name: '陈桂英', phone: '13912345678', people: 1, mobility: 'assisted' });
    expect((await counted(flood, '3栋'))?.roomsCounted).toBe(2);
  });

  it('shows with 我的信息 what a resident gave in each campaign, masked', async () => {
    const me = texts(await say(linli, '陈桂兰', 'dm', '我的信息'));
    expect(me).toContain('您在「高温探访」中填写的信息');
    expect(me).toContain('您在「汛期转移名单」中填写的信息');
    expect(me).toContain('行动情况：扶着能走');
    expect(me).not.toContain('13912345678');
  });

  it('in a private chat, asks about the campaigns of the room a resident is known to live in', async () => {
    const again = texts(await say(linli, '黄志强', 'dm', '登记'));
    expect(again).toContain('再填一次会保存为新的记录');
    expect(again).toContain('这次一起填：高温探访登记、汛期转移登记');
    await say(linli, '黄志强', 'dm', '取消');
    // Someone Linli knows no room of is asked the plain registration: no campaign here covers the whole community.
    const stranger = texts(await say(linli, '王五', 'dm', '登记'));
    expect(stranger).toContain('住户信息登记');
    expect(stranger).not.toContain('高温探访');
    await say(linli, '王五', 'dm', '取消');
  });

  it('opens one campaign by its name', async () => {
    const opened = texts(await say(linli, '周敏', '长庚里租户群', '汛期转移名单'));
    expect(opened).toContain('已经私聊您了');
    expect(opened).toContain('【汛期转移登记】');
    expect(opened).not.toContain('高温探访');
    await say(linli, '周敏', 'dm', '取消');
  });
});

describe('the returnee drive on the registration form, beside two forms of their own', () => {
  it('asks the registration questions the others lack, the shared ones once, and files three reports', async () => {
    const returnees = await startDrive('春节返乡登记', 'returnees');
    expect(returnees.formId).toBe('registration');
    const opened = texts(await say(linli, '赵建国', group, '登记'));
    expect(opened).toContain('这次一起填：高温探访登记、汛期转移登记、住户信息登记');
    expect(opened).toContain('【春节返乡登记】');
    const replies = await converse(linli, '赵建国', 'dm', [
      ['同意', '姓名'], ['赵建国', '哪一栋'], ['3栋1单元102', '手机号码'], ['13611112222', '一个人住'],
      ['不是', '身体'], ['2', '上门'], ['不需要', '一共住几个人'], ['2', '需要别人帮忙'], ['没有', '告诉社区'],
      ['家里养了一条狗', '身份证号码'], ['110101199003071057', '业主'], ['1', '户籍地'], ['北京', '哪天开始住'],
      ['2019.6.1', '回来过年'], ['没有', '健康码'], ['绿码', /请核对[\s\S]*身体情况：一般[\s\S]*身份：业主/], ['确认', '登记完成'],
    ]);
    const asked = replies.map((reply) => texts(reply)).join('\n');
    expect(asked.match(/告诉社区/g)).toHaveLength(1);
    const reports = await reportsOf('赵建国');
    expect(reports.map((r) => [r.campaign, r.formId])).toEqual([
      ['高温探访', 'heat-check'], ['汛期转移名单', 'flood-evacuation'], ['春节返乡登记', 'registration'],
    ]);
    expect(reports[0]?.answers).not.toHaveProperty('idNumber');
    expect(reports[2]?.answers).toMatchObject({ name: '赵建国', phone: '13611112222', role: 'owner', returned: false, healthCode: 'green' });
    expect(Object.keys(reports[2]?.answers ?? {})).toEqual(expect.arrayContaining(['idNumber', 'room', 'hukou', 'since']));
    // 其他情况 is the same question in the flood list and the registration: answered once, kept in both.
    expect(reports[1]?.answers['notes']).toBe('家里养了一条狗');
    expect(reports[2]?.answers['notes']).toBe('家里养了一条狗');
    expect((await counted(returnees, '3栋'))?.roomsCounted).toBe(1);
  });
});
