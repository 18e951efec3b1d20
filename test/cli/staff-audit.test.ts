import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/store/audit.ts';
import { listAudit } from '../../src/store/audit-log.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { addStaffMember, listStaff, removeStaff } from '../../src/store/staff-admin.ts';
import { cliRunner } from '../support/cli.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

/** Staff managed without a setup file, and the audit log read back. */
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await loadDemo(t.db, t.cipher);
});
afterAll(async () => {
  await t?.close();
});

const timeZone = 'Asia/Shanghai';
const personIdOf = async (name: string) => (await t.db.query<{ id: number }>('SELECT id FROM persons WHERE name = $1', [name]))[0]?.id;

describe('staff management', () => {
  it('adds a grid worker, lists them masked, adds again without a second role, and removes them, each change audited', async () => {
    const member = { name: '赵网格', phone: '13922223333', role: 'grid_worker' as const, scope: 'grid:第一网格' };
    await addStaffMember(t.db, t.cipher, member);
    await addStaffMember(t.db, t.cipher, member);
    const listed = await listStaff(t.db, t.cipher);
    expect(listed.filter((staff) => staff.name === '赵网格')).toEqual([
      expect.objectContaining({ name: '赵网格', phone: '139****3333', role: 'grid_worker', scope: 'grid:第一网格' }),
    ]);
    expect(listed).toContainEqual(expect.objectContaining({ name: '李主任', role: 'committee', scope: '幸福社区' }));
    expect(JSON.stringify(listed)).not.toContain('13922223333');

    const personId = await personIdOf('赵网格');
    expect(personId).toBeDefined();
    expect(await removeStaff(t.db, personId ?? 0, { role: 'committee' })).toEqual([]);
    expect(await removeStaff(t.db, personId ?? 0, { scope: 'grid:第一网格' })).toHaveLength(1);
    expect((await listStaff(t.db, t.cipher)).map((staff) => staff.name)).not.toContain('赵网格');

    const audit = await listAudit(t.db, { timeZone });
    expect(audit.filter((entry) => entry.subject === '赵网格').map((entry) => entry.action)).toEqual(['staff.add', 'staff.add']);
  });

  it('gives a building leader a building given without its community, and removes by that scope', async () => {
    await addStaffMember(t.db, t.cipher, { name: '钱楼长', account: [{ platform: 'telegram', id: '5550001' }], role: 'building_leader', scope: '保利紫山/3栋' });
    const listed = await listStaff(t.db, t.cipher);
    expect(listed).toContainEqual(expect.objectContaining({ name: '钱楼长', phone: null, role: 'building_leader', scope: '幸福社区/保利紫山/3栋', accounts: ['telegram'] }));
    const personId = await personIdOf('钱楼长');
    expect(await removeStaff(t.db, personId ?? 0, { scope: '保利紫山/3栋' })).toHaveLength(1);
  });

  it('refuses a scope the role cannot hold, a place that does not exist, and keeps the store as it was', async () => {
    const before = await listStaff(t.db, t.cipher);
    await expect(addStaffMember(t.db, t.cipher, { name: '孙楼长', phone: '13944445555', role: 'building_leader', scope: '幸福社区' })).rejects.toThrow(
      "a building leader's scope is a building or unit",
    );
    await expect(addStaffMember(t.db, t.cipher, { name: '孙楼长', phone: '13944445555', role: 'building_leader', scope: '保利紫山/99栋' })).rejects.toThrow(/99栋/);
    await expect(addStaffMember(t.db, t.cipher, { name: '孙楼长', role: 'building_leader', scope: '保利紫山/3栋' })).rejects.toThrow('needs an account or a phone');
    expect(await listStaff(t.db, t.cipher)).toEqual(before);
    expect(await personIdOf('孙楼长')).toBeUndefined();
  });
});

describe('the audit log', () => {
  it('lists from a day on and by one staff member, with names and the time in the community\'s zone', async () => {
    const director = (await personIdOf('李主任')) ?? 0;
    await recordAudit(t.db, { action: 'residents.export', actorPersonId: director, details: { format: 'csv', unmasked: true } });
    const byDirector = await listAudit(t.db, { timeZone, actorPersonId: director });
    expect(byDirector).toEqual([
      { at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/), actor: '李主任', action: 'residents.export', subject: null, details: { format: 'csv', unmasked: true } },
    ]);
    expect(await listAudit(t.db, { timeZone, since: '2999-01-01' })).toEqual([]);
  });
});

describe('linli staff and linli audit', () => {
  const cli = cliRunner('staff');
  afterAll(async () => {
    await cli.drop();
  });

  it('add and list staff from the command line, and audit shows the change', async () => {
    expect((await cli.run(['demo'])).code).toBe(0);
    const added = await cli.run(['staff', 'add', '--name', '赵网格', '--phone', '13922223333', '--role', 'grid_worker', '--scope', 'grid:第一网格']);
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe('赵网格 is now grid_worker of grid:第一网格\n');
    const listed = await cli.run(['staff', 'list']);
    expect(listed.stdout).toMatch(/^赵网格\t139\*\*\*\*3333\tgrid_worker\tgrid:第一网格\t-$/m);
    const audit = await cli.run(['audit', '--json']);
    expect(JSON.parse(audit.stdout)).toEqual([expect.objectContaining({ actor: null, action: 'staff.add', subject: '赵网格' })]);
    const unreadable = await cli.run(['audit', '--since', 'yesterday']);
    expect(unreadable.stderr).toContain('expected a date like 2026-03-05');
  }, 240_000);
});
