import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTranscript } from '../../src/bot/channels/sandbox.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { askMorningCheckins, remindCheckins } from '../../src/jobs/checkins.ts';
import { digestPushJob, pushDigests } from '../../src/jobs/digest.ts';
import { digestWindow } from '../../src/reports/digest.ts';
import { localDay } from '../../src/time.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';
import { loadDigestCommunity, register } from '../reports/digest-community.ts';

// Rows are stamped by the database's clock: the day is the real today, and the bot's clock walks through it.
const timeZone = 'Asia/Shanghai';
const today = localDay(new Date(), timeZone);
const at = (hours: number) => new Date(digestWindow(today, timeZone).start.getTime() + hours * 3_600_000);
let now = at(9);
let linli: TestLinli;

const digestsTo = async (user: string) =>
  (await readTranscript(linli.deps.db, linli.deps.cipher, {})).filter((line) => line.chat === 'dm' && line.to === user && line.text.startsWith('【每日简报】'));

beforeAll(async () => {
  linli = await startTestLinli({ clock: () => now });
  await loadDigestCommunity(linli);
  await register(linli, today, { user: '赵敏', group: '保利紫山3栋业主群', serial: 11, room: '3栋1单元101', arrived: '昨天' });
  expect(await askMorningCheckins(linli.deps)).toBe(1);
  now = at(14);
  expect(await remindCheckins(linli.deps)).toBe(1);
  now = at(18);
});
afterAll(async () => {
  await linli?.close();
});

describe('the daily push', () => {
  it('sends each reachable staff member the digest of their own scope, privately, from the timers queue', async () => {
    await linli.deps.jobs.add('timers', digestPushJob, {}, { jobId: `${digestPushJob}-${today}` });
    await expect.poll(async () => (await digestsTo('吴楼长')).length, { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await digestsTo('周楼长')).length, { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await digestsTo('李主任')).length, { timeout: 20_000 }).toBe(1);
    const building3 = (await digestsTo('周楼长'))[0]?.text ?? '';
    expect(building3).toContain(`【每日简报】${today} 保利紫山3栋（截至18:00）`);
    expect(building3).toContain('未打卡（已提醒过，或联系不上）：\n· 赵敏 3栋1单元101');
    const building1 = (await digestsTo('吴楼长'))[0]?.text ?? '';
    expect(building1).toContain('登记住户：0人');
    expect(building1).not.toContain('赵敏');
    expect((await digestsTo('李主任'))[0]?.text).toContain(`【每日简报】${today} 幸福社区（截至18:00）\n登记住户：1人，当天新增1人`);
  });

  it('attaches the workbook of the full lists to every digest, and sends the committee a chart right after it', async () => {
    expect((await digestsTo('周楼长'))[0]?.text).toMatch(new RegExp(`\\n📎 日报-${today}-保利紫山3栋\\.xlsx \\(\\d+ KB\\)\\n {3}\\S+$`));
    expect((await digestsTo('李主任'))[0]?.text).toMatch(new RegExp(`\\n📎 日报-${today}-幸福社区\\.xlsx \\(\\d+ KB\\)\\n {3}\\S+$`));
    const privately = async (user: string) =>
      (await readTranscript(linli.deps.db, linli.deps.cipher, {})).filter((line) => line.chat === 'dm' && line.to === user);
    await expect.poll(async () => (await privately('李主任')).length, { timeout: 20_000 }).toBe(2);
    const [digest, chart] = await privately('李主任');
    expect(digest?.text).toMatch(/^【每日简报】/);
    expect(chart?.text).toMatch(new RegExp(`^幸福社区各楼栋：登记住户和当天打卡（${today}，截至18:00）\\n📎 日报图表-${today}-幸福社区\\.png \\(\\d+ KB\\)\\n {3}\\S+$`));
    // A building leader's scope is one building: no chart.
    expect(await privately('周楼长')).toHaveLength(1);
  });

  it('sends nothing more when it runs again the same day', async () => {
    const again = await pushDigests(linli.deps, {});
    expect(again).toEqual({ day: today, sent: 0, unreachable: 1 });
    for (const user of ['李主任', '周楼长', '吴楼长']) expect(await digestsTo(user)).toHaveLength(1);
    const marks = await linli.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM digest_sends WHERE day = $1', [today]);
    expect(marks[0]?.n).toBe(3);
  });

  it('sends each digest once when two workers run the same push at the same time', async () => {
    const yesterday = localDay(at(-12), timeZone);
    const [first, second] = await Promise.all([pushDigests(linli.deps, { day: yesterday }), pushDigests(linli.deps, { day: yesterday })]);
    expect(first.sent + second.sent).toBe(3);
    const marks = await linli.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM digest_sends WHERE day = $1', [yesterday]);
    expect(marks[0]?.n).toBe(3);
    await expect.poll(async () => (await digestsTo('周楼长')).filter((line) => line.text.includes(`${yesterday} 保利紫山3栋（全天）`)).length, { timeout: 20_000 }).toBe(1);
  });

  it('sends the whole of yesterday when it runs late, after midnight, not a few minutes of the new day', async () => {
    now = at(24.5);
    expect(await pushDigests(linli.deps, {}, { at: '18:00' })).toEqual({ day: today, sent: 0, unreachable: 1 });
    now = at(18);
  });

  it('logs a staff member it cannot reach by id only, and records every digest read', async () => {
    const unreachable = await linli.deps.db.query<{ id: number }>("SELECT id FROM persons WHERE name = '郑网格'");
    linli.deps.log.flush();
    await expect
      .poll(() => fs.readFileSync(linli.logFile, 'utf8'), { timeout: 5_000 })
      .toContain(`"staffPersonId":${unreachable[0]?.id}`);
    const log = fs.readFileSync(linli.logFile, 'utf8');
    expect(log).toContain('cannot be reached privately for the daily digest');
    expect(log).not.toMatch(/郑网格|赵敏|3栋1单元101/);
    const audit = await linli.deps.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'digest.read' AND details->>'via' = 'push'",
    );
    const sent = await linli.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM digest_sends');
    expect(audit[0]?.n).toBe(sent[0]?.n);
    expect(audit[0]?.n).toBe(6);
  });
});

describe('the time of the push', () => {
  it('is 18:00 unless LINLI_DIGEST_TIME says otherwise, and a wrong one is named', () => {
    expect(loadConfig({}).digest).toEqual({ at: '18:00' });
    expect(loadConfig({ LINLI_DIGEST_TIME: '19:30' }).digest).toEqual({ at: '19:30' });
    expect(() => loadConfig({ LINLI_DIGEST_TIME: '7pm' })).toThrow(ConfigError);
    expect(() => loadConfig({ LINLI_DIGEST_TIME: '7pm' })).toThrow('LINLI_DIGEST_TIME must be a time like 18:00');
  });
});
