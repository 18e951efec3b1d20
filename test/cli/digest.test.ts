import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestLines } from '../../src/cli/digest.ts';
import { createPerson } from '../../src/store/persons.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { cliRunner } from '../support/cli.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

/** `linli digest` as staff run it: a real process on a store of its own. */
const cli = cliRunner('digest');
const linli = (...args: string[]) => cli.run(args);

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await loadDemo(t.db, t.cipher);
  await createPerson(t.db, t.cipher, { name: '王芳', phone: '13912345678' });
});
afterAll(async () => {
  await t?.close();
  await cli.drop();
});

describe('linli digest', () => {
  it('prints every staff member\'s digest, and the numbers as JSON', async () => {
    expect((await linli('demo')).code).toBe(0);
    const text = await linli('digest');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^# 李主任\n【每日简报】\d{4}-\d{2}-\d{2} 幸福社区（截至\d{2}:\d{2}）\n登记住户：0人/);
    const json = await linli('digest', '--json', '--staff', '13800138000', '--day', '2026-03-05');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      staff: '李主任',
      day: '2026-03-05',
      final: true,
      asOf: '2026-03-05T16:00:00.000Z',
      scope: [{ kind: 'area', path: ['幸福社区'] }],
      residents: { total: 0, newToday: 0 },
      checkins: { asked: 0, answered: 0, awaiting: 0, missed: [], abnormal: [] },
      uncertainSends: 0,
    });
  });

  it('says what is wrong with a day it cannot read, or one that has not come', async () => {
    const unreadable = await linli('digest', '--day', '3月5日');
    expect(unreadable.code).not.toBe(0);
    expect(unreadable.stderr).toContain('expected a date like 2026-03-05');
    const future = await linli('digest', '--day', '2999-01-01');
    expect(future.code).toBe(1);
    expect(future.stderr).toContain('2999-01-01 has not come yet');
  });
}, 120_000);

describe('the digests the command prints', () => {
  it('are audited, with who ran the command', async () => {
    const lines = await digestLines(t.db, t.cipher, { staff: '李主任', json: true, lang: 'zh-CN', timeZone: 'Asia/Shanghai', now: new Date() });
    expect(lines).toHaveLength(1);
    const audit = await t.db.query<{ actor_person_id: number | null; details: { via: string; by: string; staffPersonId: number } }>(
      "SELECT actor_person_id, details FROM audit_log WHERE action = 'digest.read'",
    );
    expect(audit).toEqual([{ actor_person_id: null, details: expect.objectContaining({ via: 'cli', by: os.userInfo().username }) }]);
  });

  it('refuse someone who is not staff, and someone nobody knows', async () => {
    const options = { lang: 'zh-CN', timeZone: 'Asia/Shanghai', now: new Date() };
    await expect(digestLines(t.db, t.cipher, { ...options, staff: '王芳' })).rejects.toThrow('王芳 is not staff');
    await expect(digestLines(t.db, t.cipher, { ...options, staff: '钱多多' })).rejects.toThrow('nobody registered as 钱多多');
  });
});
