import ExcelJS from 'exceljs';
import { addDays, format, parseISO } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestWorkbook } from '../../src/reports/digest-file.ts';
import { digestText } from '../../src/reports/digest-text.ts';
import { countBuildings, recordCampaignDay } from '../../src/store/campaign-coverage.ts';
import { campaignSettingsSchema, endCampaign, getCampaign, saveCampaign } from '../../src/store/campaigns.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';
import { loadDigestCommunity, register, reportOf, timeZone, today } from './digest-community.ts';

/**
 * The digest's campaigns: the running one in the staff member's places with its count and the
 * change since yesterday, the one that ended with its final count, and when their data goes.
 */
let linli: TestLinli;
const dayAfter = (days: number) => format(addDays(parseISO(today), days), 'yyyy-MM-dd');
const later = () => new Date(Date.now() + 60_000);

async function campaign(name: string, scope: string, startsOn: string, endsOn: string | null, retentionDays: number): Promise<number> {
  const [community] = await linli.deps.db.query<{ id: number }>(`SELECT id FROM areas WHERE kind = 'community' AND name = '幸福社区'`);
  return saveCampaign(linli.deps.db, {
    communityId: community?.id ?? 0, name, formId: 'registration', startsOn, endsOn, retentionDays,
    settings: campaignSettingsSchema.parse({ scope }),
  });
}

beforeAll(async () => {
  linli = await startTestLinli();
  await loadDigestCommunity(linli);
  // An earlier drive, ended two days ago; 长庚里's own census, which 3栋's leader never sees.
  const earlier = await campaign('防汛转移名单', 'building:保利紫山/3栋', dayAfter(-10), null, 14);
  await endCampaign(linli.deps.db, earlier, dayAfter(-2));
  await campaign('出租屋普查', 'site:长庚里', dayAfter(-3), null, 30);
  const running = await campaign('春节返乡登记', 'site:保利紫山', dayAfter(-1), dayAfter(20), 30);
  // Yesterday's count, kept by the daily prompt: nothing counted yet.
  const drive = await getCampaign(linli.deps.db, running);
  if (!drive) throw new Error('no campaign');
  await recordCampaignDay(linli.deps.db, running, dayAfter(-1), await countBuildings(linli.deps.db, drive, { timeZone, day: dayAfter(-1) }));
  await register(linli, today, { user: '赵敏', group: '保利紫山3栋业主群', serial: 61, room: '3栋1单元101' });
  await register(linli, today, { user: '钱进', group: '保利紫山3栋业主群', serial: 62, room: '3栋2单元602' });
}, 300_000);
afterAll(async () => {
  await linli?.close();
});

describe('the digest of campaigns', () => {
  it('counts the running campaign within the staff member\'s places, with the change since yesterday', async () => {
    const report = await reportOf(linli, '周楼长', later());
    const campaigns = report.digest.campaigns ?? [];
    expect(campaigns.map((c) => [c.campaign, c.state])).toEqual([['春节返乡登记', 'running'], ['防汛转移名单', 'ended']]);
    expect(campaigns[0]).toMatchObject({ roomsKnown: 24, roomsCounted: 2, roomsEmpty: 0, roomsAway: 0, persons: 2, changeSinceYesterday: 2, purgeOn: dayAfter(51) });
    expect(campaigns[1]).toMatchObject({ endsOn: dayAfter(-2), purgeOn: dayAfter(13), roomsKnown: 24 });

    const text = digestText(report.digest, 'zh-CN', timeZone);
    expect(text).toContain('登记活动：2 个');
    expect(text).toContain('「春节返乡登记」已登记 2/24 户（8%），空置 0，不在本地 0，共 2 人，比昨天 +2');
    expect(text).toContain(`个人信息将于 ${dayAfter(51)} 删除`);
    expect(text).toContain(`「防汛转移名单」已于 ${dayAfter(-2)} 结束，最终登记 0/24 户（0%）`);
    expect(text).not.toContain('出租屋普查');

    const chief = (await reportOf(linli, '李主任', later())).digest.campaigns ?? [];
    expect(chief.map((c) => [c.campaign, c.roomsKnown])).toEqual([['春节返乡登记', 36], ['出租屋普查', expect.any(Number)], ['防汛转移名单', 24]]);
  });

  it('has a sheet in the workbook with each building\'s open rooms, and the whole in the JSON of the digest', async () => {
    const report = await reportOf(linli, '周楼长', later());
    const file = await digestWorkbook(report, 'zh-CN', timeZone);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.data) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('登记活动');
    const rows: string[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value)))));
    expect(rows[0]).toEqual(['活动', '状态', '楼栋', '房间数', '已登记', '空置', '不在本地', '人数', '覆盖率', '个人信息删除日', '未登记房号']);
    expect(rows[1]?.slice(0, 10)).toEqual(['春节返乡登记', '进行中', '保利紫山3栋', '24', '2', '0', '0', '2', '8%', dayAfter(51)]);
    expect(rows[1]?.[10]).toMatch(/^1单元102、1单元201、/);
    expect(rows[2]?.slice(0, 5)).toEqual(['春节返乡登记', '进行中', '合计', '24', '2']);
    expect(JSON.parse(JSON.stringify(report.digest)).campaigns[0]).toMatchObject({ campaign: '春节返乡登记', coverage: 0.083 });
  });
});
