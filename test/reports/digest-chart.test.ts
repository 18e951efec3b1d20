import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telegramOutboundChannel } from '../../src/bot/channels/telegram/outbound.ts';
import { ingest } from '../../src/bot/ingest.ts';
import { askMorningCheckins, remindCheckins } from '../../src/jobs/checkins.ts';
import { digestChart, maxChartBuildings } from '../../src/reports/digest-chart.ts';
import { digestMessages } from '../../src/reports/digest-messages.ts';
import { applySetup } from '../../src/store/setup.ts';
import { parseSetupFile } from '../../src/store/setup-file.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';
import { at, converseOn, loadDigestCommunity, register, reportOf as reportOfStaff, timeZone, today } from './digest-community.ts';
import { multipartFile, recordingTelegram } from '../support/recording-telegram.ts';

let now = at(9);
let linli: TestLinli;

/** The width and height a PNG says it has, from its IHDR chunk; throws on anything that is not a PNG. */
function pngSize(data: Uint8Array): { width: number; height: number } {
  const bytes = Buffer.from(data);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const reportOf = (staffName: string) => reportOfStaff(linli, staffName, now);

// A committee member who uses Telegram: the bot cannot write first there, so they ask with 日报.
const telegramStaff = `
communities:
  - name: 幸福社区
    staff:
      - name: 陈委员
        role: committee
        scope: 幸福社区
        accounts: [{ platform: telegram, id: '5001' }]
`;


beforeAll(async () => {
  linli = await startTestLinli({ clock: () => now });
  await loadDigestCommunity(linli);
  await applySetup(linli.deps.db, linli.deps.cipher, parseSetupFile(telegramStaff, 'telegram-staff.yaml'));
  await register(linli, today, { user: '赵敏', group: '保利紫山3栋业主群', serial: 41, room: '3栋1单元101', arrived: '昨天' });
  await register(linli, today, { user: '钱进', group: '保利紫山3栋业主群', serial: 42, room: '3栋1单元102', arrived: '昨天' });
  await register(linli, today, { user: '孙丽', group: '保利紫山1栋业主群', serial: 44, room: '1栋1单元101' });
  // Registered privately, with a room the demo does not have: the committee sees them, under "building unknown".
  await register(linli, today, { user: '冯刚', group: 'dm', serial: 45, room: '9栋909', arrived: '昨天' });
  expect(await askMorningCheckins(linli.deps)).toBe(3);
  await converseOn(linli, today, '钱进', [['36.6 无', '已记录']]);
  now = at(14);
  expect(await remindCheckins(linli.deps)).toBe(2);
  now = at(15);
});
afterAll(async () => {
  await linli?.close();
});

describe('the numbers per building', () => {
  it('count each building of the committee\'s scope, and the people whose building is not known', async () => {
    const { buildings } = await reportOf('李主任');
    expect(buildings).toEqual([
      { label: '保利紫山1栋', residents: 1, answered: 0, awaiting: 0, missed: 0 },
      { label: '保利紫山3栋', residents: 2, answered: 1, awaiting: 0, missed: 1 },
      { label: '保利紫山5栋', residents: 0, answered: 0, awaiting: 0, missed: 0 },
      { label: '长庚里96号', residents: 0, answered: 0, awaiting: 0, missed: 0 },
      { label: '长庚里98号', residents: 0, answered: 0, awaiting: 0, missed: 0 },
      { label: '长庚里102号', residents: 0, answered: 0, awaiting: 0, missed: 0 },
      { label: null, residents: 1, answered: 0, awaiting: 0, missed: 1 },
    ]);
  });

  it('are not drawn for a building leader, whose scope is one building', async () => {
    const report = await reportOf('周楼长');
    expect(report.buildings).toBeNull();
    expect(await digestChart(report, 'zh-CN', timeZone)).toBeUndefined();
    expect((await digestMessages(report, 'zh-CN', timeZone, linli.deps.log)).map((message) => message.file.mimeType)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });
});

describe('the chart', () => {
  it('is a PNG whose height grows with the buildings, named for the day and scope', async () => {
    const report = await reportOf('李主任');
    const chart = await digestChart(report, 'zh-CN', timeZone);
    expect(chart?.name).toBe(`日报图表-${today}-幸福社区.png`);
    expect(chart?.mimeType).toBe('image/png');
    const seven = pngSize(chart?.data ?? new Uint8Array());
    expect(seven.width).toBe(1200);
    const fewer = await digestChart({ ...report, buildings: report.buildings?.slice(0, 3) ?? null }, 'en', timeZone);
    expect(fewer?.name).toBe(`digest-chart-${today}-幸福社区.png`);
    const three = pngSize(fewer?.data ?? new Uint8Array());
    // Four rows fewer, 32 points each, drawn at 1.5 times.
    expect(seven.height - three.height).toBe(4 * 32 * 1.5);
  });

  it('is left out when there are more buildings than a phone can show', async () => {
    const report = await reportOf('李主任');
    const many = Array.from({ length: maxChartBuildings + 1 }, (_, index) => ({ label: `${index + 1}号`, residents: 1, answered: 0, awaiting: 0, missed: 0 }));
    expect(await digestChart({ ...report, buildings: many }, 'zh-CN', timeZone)).toBeUndefined();
  });
});

describe('日报 from committee staff on Telegram', () => {
  it('comes as the workbook with the text as its caption, then the chart as a photo', async () => {
    const telegram = recordingTelegram();
    linli.deps.channels.register(telegramOutboundChannel(telegram.api));
    const result = await ingest(linli.deps, {
      platform: 'telegram', chatId: '5001', chatKind: 'private', senderId: '5001', senderName: '陈委员',
      text: '日报', messageId: '5001:1', at: now,
    });
    expect(result.kind).toBe('accepted');
    await expect.poll(() => telegram.calls.length, { timeout: 20_000 }).toBe(1);
    // Telegram takes one message a second in a chat: the photo waits for the clock, which this test holds.
    now = new Date(now.getTime() + 2_000);
    await expect.poll(() => telegram.calls.length, { timeout: 20_000 }).toBe(2);
    expect(telegram.calls.map((call) => call.method)).toEqual(['sendDocument', 'sendPhoto']);

    const [document, photo] = telegram.calls;
    expect(document?.body.toString('latin1')).toContain('name="document"');
    const workbook = multipartFile(document?.body ?? Buffer.alloc(0));
    expect(workbook.filename).toBe(`日报-${today}-幸福社区.xlsx`);
    expect([...workbook.data.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    expect(document?.body.toString('utf8')).toContain(`【每日简报】${today} 幸福社区（截至15:00）`);

    expect(photo?.body.toString('latin1')).toContain('name="photo"');
    const picture = multipartFile(photo?.body ?? Buffer.alloc(0));
    expect(picture.filename).toBe(`日报图表-${today}-幸福社区.png`);
    expect(pngSize(picture.data).width).toBe(1200);
    expect(photo?.body.toString('utf8')).toContain('幸福社区各楼栋：登记住户和当天打卡');
  });
});
