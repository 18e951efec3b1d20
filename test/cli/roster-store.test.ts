import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRosterFile, showRoster } from '../../src/cli/roster-store.ts';
import { createPerson } from '../../src/store/persons.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

let t: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-roster-'));
const csv = (name: string, rows: string[]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, ['姓名,身份证号,电话,房号', ...rows].join('\n'));
  return file;
};

beforeAll(async () => {
  t = await openTestDatabase();
  await createPerson(t.db, t.cipher, { name: '老陈', phone: '13700001111' });
});
afterAll(async () => {
  await t.close();
});

describe('roster import and show', () => {
  it('saves a file as versions, with the change against the last one', async () => {
    const first = await importRosterFile(t.db, t.cipher, {
      file: csv('march.csv', ['张三,44060319900101109X,13812345678,3栋2单元502', '李四,110101199003071057,13900001111,3栋2单元601']),
      landlord: '13700001111',
      today: '2026-03-05',
    });
    expect(first[0]).toBe('老陈: version 1, 2 rows from march.csv');
    expect(first).toContain('added: 张三、李四');
    expect(first).toContain('not registered themselves yet: 张三、李四');

    const second = await importRosterFile(t.db, t.cipher, {
      file: csv('april.csv', ['张三,44060319900101109X,13812345678,3栋2单元602']),
      landlord: '老陈',
      today: '2026-04-05',
    });
    expect(second[0]).toBe('老陈: version 2, 1 rows from april.csv');
    expect(second).toContain('changed: 张三');
    expect(second).toContain('not in this file, kept until the landlord confirms they moved out: 李四');

    const shown = await showRoster(t.db, t.cipher, '老陈', true, 'Asia/Shanghai');
    expect(shown[0]).toMatch(/^老陈: version 2 of \d{4}-\d{2}-\d{2}$/);
    expect(shown.join('\n')).toContain('张三  4406**********109X  138****5678  3栋2单元602');
    expect(shown.join('\n')).toContain('李四');
    expect(shown.join('\n')).not.toContain('44060319900101109X');
    expect(shown.join('\n')).toMatch(/versions:\n {2}1 .* 2 rows {2}from march\.csv\n {2}2 .* 2 rows {2}from april\.csv/);
  });

  it('refuses a file without tenants, and a landlord nobody knows', async () => {
    await expect(importRosterFile(t.db, t.cipher, { file: csv('empty.csv', []), landlord: '老陈', today: '2026-03-05' })).rejects.toThrow();
    await expect(showRoster(t.db, t.cipher, '王老五', false, 'Asia/Shanghai')).rejects.toThrow(/nobody registered as 王老五/);
  });
});
