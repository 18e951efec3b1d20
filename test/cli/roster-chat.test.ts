import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRosterFile, showRoster } from '../../src/cli/roster-store.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { converse, say } from '../support/chat.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';

/** `roster show` and `roster import` for landlords and shop owners who only ever sent their lists in chat. */
let linli: TestLinli;
const timeZone = 'Asia/Shanghai';

beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
  await say(linli, '房东老周', '长庚里租户群', ['租户名单', '陈建华 440603198503152015 13812345678 96号201', '李秀英 44060319920720302X 13925836147 96号202'].join('\n'));
  await converse(linli, '房东老周', 'dm', [['确认', '名单已保存']]);
  await say(linli, '王姐', '幸福市场商户群', ['3号档 王记猪肉 员工名单', '张三 13812345670', '李四 13925836140'].join('\n'));
  await converse(linli, '王姐', 'dm', [['确认', '员工名单已保存']]);
});
afterAll(async () => {
  await linli?.close();
});

describe('roster show --landlord', () => {
  it('finds a landlord by the name of their chat account, rows numbered from 1 as in the chat, times in the community\'s zone', async () => {
    const shown = await showRoster(linli.deps.db, linli.deps.cipher, '房东老周', true, timeZone);
    const [created] = await linli.deps.db.query<{ local: string }>(
      `SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS local FROM roster_versions ORDER BY id LIMIT 1`,
    );
    expect(shown[0]).toBe(`房东老周: version 1 of ${created?.local.slice(0, 10)}`);
    expect(shown[1]).toBe('1. 陈建华  4406**********2015  138****5678  96号201');
    expect(shown[2]).toMatch(/^2\. 李秀英 /);
    expect(shown).toContain(`  1  ${created?.local}  2 rows`);
  });

  it('finds a shop owner and shows the shop\'s staff list', async () => {
    const shown = await showRoster(linli.deps.db, linli.deps.cipher, '王姐', false, timeZone);
    expect(shown[0]).toMatch(/^王姐, staff list of 3号档 王记猪肉: version 1 of /);
    expect(shown[1]).toBe('1. 张三  -  138****5670  -');
  });
});

describe('roster import --landlord', () => {
  it('adds a version to the staff list of a shop owner known only from chat', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linli-shop-')), 'staff.csv');
    fs.writeFileSync(file, ['姓名,电话', '张三,13812345670', '李四,13925836140', '王五,13500001111'].join('\n'));
    const lines = await importRosterFile(linli.deps.db, linli.deps.cipher, { file, landlord: '王姐', today: '2026-03-05' });
    expect(lines[0]).toBe('王姐: version 2, 3 rows from staff.csv');
    const rosters = await linli.deps.db.query<{ kind: string }>(
      `SELECT r.kind FROM rosters r JOIN accounts a ON a.person_id = r.owner_person_id WHERE a.platform_user_id = '王姐'`,
    );
    expect(rosters).toEqual([{ kind: 'shop' }]);
  });
});
