import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundFile } from '../../src/bot/message.ts';
import { askMorningCheckins, remindCheckins } from '../../src/jobs/checkins.ts';
import { buildDigest } from '../../src/reports/digest.ts';
import { digestWorkbook, xlsxMimeType } from '../../src/reports/digest-file.ts';
import { digestText } from '../../src/reports/digest-text.ts';
import type { DigestRows } from '../../src/store/digest-rows.ts';
import { one } from '../../src/store/db.ts';
import { createPerson } from '../../src/store/persons.ts';
import { createVersion } from '../../src/store/rosters.ts';
import { saveAnswer } from '../../src/store/shop-status.ts';
import { ensureShop } from '../../src/store/shops.ts';
import { say } from '../support/chat.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';
import { at, converseOn, dayWindow, loadDigestCommunity, missedCheckin, register, reportOf as reportOfStaff, residentId, timeZone, today } from './digest-community.ts';

const window = dayWindow;
let now = at(9);
let linli: TestLinli;

/** Every sheet of a workbook as rows of cell texts, the header first. */
async function readBack(file: OutboundFile): Promise<Map<string, string[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.data) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheets = new Map<string, string[][]>();
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value)))));
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

const allCells = (sheets: Map<string, string[][]>) => [...sheets.values()].flat(2).join('\n');

const reportOf = (staffName: string) => reportOfStaff(linli, staffName, now);

describe('a list longer than the text shows', () => {
  const checkin = missedCheckin;
  const rows: DigestRows = {
    residents: { total: 0, newToday: 0, byBuilding: new Map() },
    underObservation: 13,
    observed: [],
    checkins: Array.from({ length: 13 }, (_, index) => checkin(index + 1)),
    helpRequests: [],
    unregisteredTenants: Array.from({ length: 12 }, (_, index) => ({ name: `租户${index + 1}`, room: `96号${201 + index}`, landlord: '老陈' })),
    uncertainSends: null,
    shops: [],
    idConflicts: [],
    rosterMismatches: [],
  };
  const digest = buildDigest(rows, window, [{ kind: 'area', path: ['幸福社区', '长庚里', '96号'] }], at(18));

  it('is whole in the workbook, one row per person, while the text names ten', async () => {
    expect(digestText(digest, 'zh-CN', timeZone)).toContain('……还有3人');
    const file = await digestWorkbook({ digest, buildings: null, shops: [] }, 'zh-CN', timeZone);
    expect(file.name).toBe(`日报-${today}-长庚里96号.xlsx`);
    expect(file.mimeType).toBe(xlsxMimeType);
    const sheets = await readBack(file);
    expect([...sheets.keys()]).toEqual(['概况', '未打卡', '体温或症状异常', '待处理的求助', '未登记的租户', '居家观察']);
    const missed = sheets.get('未打卡') ?? [];
    expect(missed[0]).toEqual(['姓名', '小区', '楼栋房号']);
    expect(missed.slice(1)).toEqual(Array.from({ length: 13 }, (_, index) => [`住户${String(index + 1).padStart(2, '0')}`, '长庚里', `96号${101 + index}`]));
    expect((sheets.get('未登记的租户') ?? []).slice(1).map((row) => row[0])).toEqual(Array.from({ length: 12 }, (_, index) => `租户${index + 1}`));
    expect(sheets.get('概况')).toContainEqual(['未打卡（人）', '13']);
    expect(sheets.get('概况')).toContainEqual(['统计时间', '截至18:00']);
  });

  it('speaks the staff member\'s language', async () => {
    const file = await digestWorkbook({ digest, buildings: null, shops: [] }, 'en', timeZone);
    expect(file.name).toBe(`digest-${today}-长庚里96号.xlsx`);
    const sheets = await readBack(file);
    expect([...sheets.keys()]).toEqual(['Summary', 'Missed check-ins', 'Fever or symptoms', 'Open help requests', 'Unregistered tenants', 'Under observation']);
    expect(sheets.get('Summary')).toContainEqual(['Check-ins missed', '13']);
  });
});

describe('the workbook of real digests', () => {
  beforeAll(async () => {
    linli = await startTestLinli({ clock: () => now });
    await loadDigestCommunity(linli);
    await register(linli, today, { user: '赵敏', group: '保利紫山3栋业主群', serial: 31, room: '3栋1单元101', arrived: '昨天' });
    await register(linli, today, { user: '钱进', group: '保利紫山3栋业主群', serial: 32, room: '3栋1单元102', arrived: '昨天' });
    await register(linli, today, { user: '孙丽', group: '保利紫山1栋业主群', serial: 34, room: '1栋1单元101', arrived: '昨天' });
    // A landlord's list carries ID numbers and phones: the workbook has the names and rooms only.
    await say(linli, '老陈', '保利紫山3栋业主群', ['租户名单', `张三 ${residentId(36)} 13800000036 3栋2单元502`, `李四 ${residentId(37)} 13800000037 3栋2单元601`].join('\n'), today);
    await converseOn(linli, today, '老陈', [['确认', '名单已保存']]);
    const market = await one<{ id: number }>(linli.deps.db, "SELECT id FROM areas WHERE name = '幸福市场'");
    const ownerId = await createPerson(linli.deps.db, linli.deps.cipher, { name: '黄老板' });
    const shop = await ensureShop(linli.deps.db, { ownerPersonId: ownerId, marketId: market.id, name: '黄记猪肉', defaultName: '黄记猪肉' });
    await createVersion(linli.deps.db, shop.id, null);
    await saveAnswer(linli.deps.db, linli.deps.cipher, {
      shopId: shop.id, day: today, versionId: null, answeredBy: ownerId, sourceInboundId: null,
      status: { allNormal: false, flagged: [{ name: '小黄', status: '发烧，电话13912345678' }] },
    });
    expect(await askMorningCheckins(linli.deps)).toBe(3);
    await converseOn(linli, today, '钱进', [['37.9 咳嗽', '转告社区工作人员']]);
    now = at(14);
    expect(await remindCheckins(linli.deps)).toBe(2);
    now = at(18);
  });
  afterAll(async () => {
    await linli?.close();
  });

  it('gives a building leader the lists of the building, and nothing of another', async () => {
    const report = await reportOf('周楼长');
    const file = await digestWorkbook(report, 'zh-CN', timeZone);
    expect(file.name).toBe(`日报-${today}-保利紫山3栋.xlsx`);
    const sheets = await readBack(file);
    expect((sheets.get('未打卡') ?? []).slice(1)).toEqual([['赵敏', '保利紫山', '3栋1单元101']]);
    expect((sheets.get('体温或症状异常') ?? []).slice(1)).toEqual([['钱进', '保利紫山', '3栋1单元102', '37.9', '咳嗽']]);
    expect((sheets.get('未登记的租户') ?? []).slice(1)).toEqual([
      ['张三', '3栋2单元502', '老陈'],
      ['李四', '3栋2单元601', '老陈'],
    ]);
    expect(sheets.get('概况')).toContainEqual(['登记住户（人）', '2']);
    expect(sheets.has('市场商户')).toBe(false);
    expect(sheets.has('各楼栋')).toBe(false);
    expect(allCells(sheets)).not.toMatch(/孙丽|黄记/);
  });

  it('gives the committee every list, the shops and the buildings, with no ID number or phone anywhere', async () => {
    const report = await reportOf('李主任');
    const sheets = await readBack(await digestWorkbook(report, 'zh-CN', timeZone));
    expect((sheets.get('未打卡') ?? []).slice(1).map((row) => row[0])).toEqual(['孙丽', '赵敏']);
    expect((sheets.get('市场商户') ?? []).slice(1)).toEqual([['幸福市场', '黄记猪肉', '黄老板', '0', '是', '小黄 (发烧，电话139****5678)']]);
    expect((sheets.get('各楼栋') ?? []).slice(1, 3)).toEqual([
      ['保利紫山1栋', '1', '0', '0', '1'],
      ['保利紫山3栋', '2', '1', '0', '1'],
    ]);
    const cells = allCells(sheets);
    expect(cells).toContain('张三');
    expect(cells).not.toMatch(/\d{11}|4406/);
  });
});
