import ExcelJS from 'exceljs';
import { subDays, format, parseISO } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestLines } from '../../src/cli/digest.ts';
import { findOnePerson } from '../../src/cli/find-person.ts';
import { digestWorkbook } from '../../src/reports/digest-file.ts';
import { staffDigestReport } from '../../src/reports/staff-digest.ts';
import { say } from '../support/chat.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';
import { at, converseOn, loadDigestCommunity, register, residentId, timeZone, today } from '../reports/digest-community.ts';

/** `linli digest` over a community where things happened today: who is under observation, and what a past day held. */
const yesterday = format(subDays(parseISO(today), 1), 'yyyy-MM-dd');
let linli: TestLinli;

const digest = (options: { day?: string; json?: boolean; staff?: string; lang?: string }) =>
  digestLines(linli.deps.db, linli.deps.cipher, { staff: '李主任', lang: 'zh-CN', timeZone, now: at(18), ...options });

beforeAll(async () => {
  linli = await startTestLinli({ clock: () => at(18) });
  await loadDigestCommunity(linli);
  await register(linli, today, { user: '赵敏', group: '保利紫山3栋业主群', serial: 41, room: '3栋1单元101', arrived: '昨天' });
  await say(linli, '老陈', '保利紫山3栋业主群', ['租户名单', `张三 ${residentId(46)} 13800000046 3栋2单元502`].join('\n'), today);
  await converseOn(linli, today, '老陈', [['确认', '名单已保存']]);
  // A request for help made yesterday and handled today: open at the end of yesterday.
  await say(linli, '周红', 'dm', '人工', today);
  await linli.deps.db.query(`UPDATE help_requests SET created_at = $1, handled_at = now()`, [at(-6)]);
});
afterAll(async () => {
  await linli?.close();
});

describe('who is under observation, in the digest', () => {
  it('names them in the text, with where they live and until when', async () => {
    const [, text] = await digest({});
    expect(text).toMatch(/居家观察：1人\n· 赵敏 3栋1单元101 观察到\d{4}-\d{2}-\d{2}（第1天）\n/);
    expect(text).not.toMatch(/139\d{8}|4406/);
  });

  it('lists them in `digest --json`', async () => {
    const [json] = await digest({ json: true });
    const parsed = JSON.parse(json ?? '{}') as { observed: unknown[] };
    expect(parsed.observed).toEqual([
      { name: '赵敏', place: { site: '保利紫山', below: '3栋1单元101' }, from: yesterday, until: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), dayOf: 1, byStaff: false },
    ]);
    expect(json).not.toMatch(/139\d{8}|4406/);
  });

  it('gives them a sheet of the workbook', async () => {
    const staff = await findOnePerson(linli.deps.db, linli.deps.cipher, '李主任');
    const report = await staffDigestReport(linli.deps.db, linli.deps.cipher, { personId: staff.id, day: today, timeZone, now: at(18) });
    const file = await digestWorkbook(report!, 'zh-CN', timeZone);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.data) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('居家观察');
    expect((sheet?.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名', '小区', '楼栋房号', '开始', '结束', '来源']);
    expect((sheet?.getRow(2).values as unknown[]).slice(1, 5)).toEqual(['赵敏', '保利紫山', '3栋1单元101', yesterday]);
  });
});

describe('digest --day for a past day', () => {
  it('counts that day\'s state: the lists and requests as they stood at its end', async () => {
    const [, past] = await digest({ day: yesterday });
    expect(past).toContain(`【每日简报】${yesterday} 幸福社区（全天）`);
    expect(past).toContain('登记住户：0人');
    expect(past).toContain('居家观察：0人');
    expect(past).toContain('待处理的求助（人工）：1件');
    expect(past).toContain('房东名单上还没登记的租户：0人');
    const [, now] = await digest({});
    expect(now).toContain('待处理的求助（人工）：0件');
    expect(now).toContain('房东名单上还没登记的租户：1人');
  });
});
