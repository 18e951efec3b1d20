import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccount, findOrCreateAccount } from '../../src/store/accounts.ts';
import { areaPath, findCommunity, gridAreaIds } from '../../src/store/areas.ts';
import { findChat } from '../../src/store/chats.ts';
import { one } from '../../src/store/db.ts';
import { demoSetupPath, loadDemo } from '../../src/store/demo.ts';
import { createPerson, getPerson } from '../../src/store/persons.ts';
import { applySetup } from '../../src/store/setup.ts';
import { parseSetupFile } from '../../src/store/setup-file.ts';
import { SetupFileError } from '../../src/store/setup-problems.ts';
import { staffOf } from '../../src/store/staff.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const tables = ['areas', 'grids', 'grid_areas', 'chats', 'persons', 'accounts', 'staff'] as const;
type Table = (typeof tables)[number];

async function rowCounts(): Promise<Record<Table, number>> {
  return one<Record<Table, number>>(
    t.db,
    `SELECT ${tables.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')}`,
  );
}

const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

async function applyText(text: string, fileName = 'community.yaml') {
  return applySetup(t.db, t.cipher, parseSetupFile(text, fileName));
}

/** The message of the SetupFileError that applying `text` throws. */
async function applyProblems(text: string): Promise<string[]> {
  const error = await applyText(text).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof SetupFileError)) throw new Error(`expected a SetupFileError, got ${String(error)}`);
  return error.message.split('\n');
}

async function chatPlace(platform: string, id: string) {
  const chat = await findChat(t.db, platform, id);
  return chat && { kind: chat.kind, title: chat.title, place: chat.areaId === null ? null : await areaPath(t.db, chat.areaId) };
}

describe('the demo community', () => {
  it('loads, and loading it again changes nothing', async () => {
    const before = await rowCounts();
    const { counts } = await loadDemo(t.db, t.cipher);
    expect(counts).toEqual({ communities: 1, sites: 3, buildings: 6, units: 3, rooms: 60, grids: 1, chats: 5, staff: 1 });
    const once = await rowCounts();
    expect(once.areas - before.areas).toBe(1 + 3 + 6 + 3 + 60);
    expect(once.chats - before.chats).toBe(5);
    expect(once.staff - before.staff).toBe(1);
    const boundAt = await t.db.query<{ bound_at: Date }>('SELECT bound_at FROM chats ORDER BY id');
    expect((await loadDemo(t.db, t.cipher)).counts).toEqual(counts);
    expect(await rowCounts()).toEqual(once);
    expect(await t.db.query<{ bound_at: Date }>('SELECT bound_at FROM chats ORDER BY id')).toEqual(boundAt);
  });

  it('binds its groups to their places', async () => {
    await loadDemo(t.db, t.cipher);
    expect(await chatPlace('sandbox', '保利紫山3栋业主群')).toEqual({ kind: 'building', title: '保利紫山3栋业主群', place: ['幸福社区', '保利紫山', '3栋'] });
    expect(await chatPlace('sandbox', '长庚里租户群')).toEqual({ kind: 'building', title: '长庚里租户群', place: ['幸福社区', '长庚里'] });
    expect(await chatPlace('sandbox', '幸福市场商户群')).toEqual({ kind: 'market', title: '幸福市场商户群', place: ['幸福社区', '幸福市场'] });
    expect(await chatPlace('sandbox', '社区工作群')).toEqual({ kind: 'staff', title: '社区工作群', place: ['幸福社区'] });
    const unbound = await t.db.query("SELECT id FROM chats WHERE platform = 'sandbox' AND bound_at IS NULL");
    expect(unbound).toEqual([]);
  });

  it('makes 李主任 a committee member of the whole community', async () => {
    await loadDemo(t.db, t.cipher);
    const account = await findAccount(t.db, 'sandbox', '李主任');
    expect(account).toBeDefined();
    const person = await getPerson(t.db, t.cipher, account?.personId ?? 0);
    expect(person).toMatchObject({ name: '李主任', phone: '13800138000' });
    const community = await findCommunity(t.db, '幸福社区');
    expect((await staffOf(t.db, account?.personId ?? 0)).map(({ role, scope }) => ({ role, scope }))).toEqual([
      { role: 'committee', scope: { kind: 'area', areaId: community?.id, areaKind: 'community', path: ['幸福社区'] } },
    ]);
  });

  it('is the file at demoSetupPath', async () => {
    const text = await readFile(demoSetupPath, 'utf8');
    expect(parseSetupFile(text, 'community.yaml').communities.map((community) => community.name)).toEqual(['幸福社区']);
  });
});

const small = lines(
  'communities:',
  '  - name: 扩展社区',
  '    sites:',
  '      - name: 东苑',
  '        buildings:',
  '          - { name: 1栋, rooms: [101, 102] }',
  '    grids:',
  '      - { name: 东网格, areas: [东苑/1栋] }',
  '    chats:',
  '      - { platform: telegram, id: -100111, title: 东苑1栋群, kind: building, area: 东苑/1栋 }',
  '    staff:',
  '      - { name: 王网格, role: grid_worker, scope: "grid:东网格", accounts: [{ platform: telegram, id: 5001 }] }',
);

const extended = lines(
  'communities:',
  '  - name: 扩展社区',
  '    sites:',
  '      - name: 东苑',
  '        buildings:',
  '          - { name: 1栋, rooms: [101, 102, 201] }',
  '          - { name: 2栋, floors: 1-2, roomsPerFloor: 2 }',
  '    grids:',
  '      - { name: 东网格, areas: [东苑/1栋, 东苑/2栋] }',
  '    chats:',
  '      - { platform: telegram, id: -100111, title: 东苑1栋群, kind: building, area: 东苑/1栋 }',
  '      - { platform: telegram, id: -100222, title: 东苑2栋群, kind: building, area: 扩展社区/东苑/2栋 }',
  '    staff:',
  '      - { name: 王网格, role: grid_worker, scope: "grid:东网格", accounts: [{ platform: telegram, id: 5001 }, { platform: wechat, id: wxid_wang }] }',
  '      - { name: 王网格, role: building_leader, scope: 东苑/2栋, accounts: [{ platform: wechat, id: wxid_wang }] }',
);

describe('applySetup', () => {
  it('adds what an extended file adds, and keeps what was there', async () => {
    expect(await applyText(small)).toEqual({ communities: 1, sites: 1, buildings: 1, units: 0, rooms: 2, grids: 1, chats: 1, staff: 1 });
    const first = await rowCounts();
    const chatBefore = await findChat(t.db, 'telegram', '-100111');
    expect(await applyText(extended)).toEqual({ communities: 1, sites: 1, buildings: 2, units: 0, rooms: 7, grids: 1, chats: 2, staff: 2 });
    const second = await rowCounts();
    expect(Object.fromEntries(tables.map((table) => [table, second[table] - first[table]]))).toEqual({
      areas: 1 + 1 + 4,
      grids: 0,
      grid_areas: 1,
      chats: 1,
      persons: 0,
      accounts: 1,
      staff: 1,
    });
    expect((await findChat(t.db, 'telegram', '-100111'))?.id).toBe(chatBefore?.id);
    expect(await chatPlace('telegram', '-100222')).toEqual({ kind: 'building', title: '东苑2栋群', place: ['扩展社区', '东苑', '2栋'] });
    await applyText(extended);
    expect(await rowCounts()).toEqual(second);

    const wang = await findAccount(t.db, 'wechat', 'wxid_wang');
    expect(wang?.personId).toBe((await findAccount(t.db, 'telegram', '5001'))?.personId);
    const roles = await staffOf(t.db, wang?.personId ?? 0);
    expect(roles.map(({ role, scope }) => (scope.kind === 'grid' ? `${role}@grid:${scope.name}` : `${role}@${scope.path.join('/')}`))).toEqual([
      'grid_worker@grid:东网格',
      'building_leader@扩展社区/东苑/2栋',
    ]);
    const community = await findCommunity(t.db, '扩展社区');
    const grid = await t.db.query<{ id: number }>('SELECT id FROM grids WHERE community_id = $1', [community?.id]);
    const covered = await Promise.all((await gridAreaIds(t.db, grid[0]?.id ?? 0)).map((id) => areaPath(t.db, id)));
    expect(covered).toEqual([
      ['扩展社区', '东苑', '1栋'],
      ['扩展社区', '东苑', '2栋'],
    ]);
  });

  it('finds staff by an account or a phone the store already has, and fills in what is missing', async () => {
    const resident = await findOrCreateAccount(t.db, t.cipher, { platform: 'sandbox', platformUserId: '赵楼长' });
    const byPhone = await createPerson(t.db, t.cipher, { name: '钱经理', phone: '13700001234' });
    const before = await rowCounts();
    await applyText(
      lines(
        'communities:',
        '  - name: 找人社区',
        '    sites:',
        '      - { name: 南苑, buildings: [{ name: 1栋 }] }',
        '      - { name: 南市场, kind: market }',
        '    staff:',
        '      - { name: 赵楼长, phone: 13700005678, role: building_leader, scope: 南苑/1栋, accounts: [{ platform: sandbox, id: 赵楼长 }] }',
        "      - { name: 钱经理, phone: '137 0000 1234', role: market_manager, scope: 南市场, accounts: [{ platform: wechat, id: wxid_qian }] }",
      ),
    );
    const after = await rowCounts();
    expect(after.persons - before.persons).toBe(0);
    expect(after.accounts - before.accounts).toBe(1);
    expect(await getPerson(t.db, t.cipher, resident.personId)).toMatchObject({ name: '赵楼长', phone: '13700005678' });
    expect((await findAccount(t.db, 'wechat', 'wxid_qian'))?.personId).toBe(byPhone);
    expect((await staffOf(t.db, byPhone)).map((staff) => staff.role)).toEqual(['market_manager']);
  });

  it('resolves references to places that only the store holds', async () => {
    await applyText(lines('communities:', '  - name: 存量社区', '    sites:', '      - { name: 西苑, buildings: [{ name: 9栋, rooms: [101] }] }'));
    const counts = await applyText(
      lines(
        'communities:',
        '  - name: 存量社区',
        '    chats:',
        '      - { platform: sandbox, id: 西苑9栋群, kind: building, area: 西苑/9栋 }',
        '    staff:',
        '      - { name: 孙物业, phone: 13600001111, role: property_manager, scope: 西苑 }',
      ),
    );
    expect(counts).toEqual({ communities: 1, sites: 0, buildings: 0, units: 0, rooms: 0, grids: 0, chats: 1, staff: 1 });
    expect(await chatPlace('sandbox', '西苑9栋群')).toEqual({ kind: 'building', title: '西苑9栋群', place: ['存量社区', '西苑', '9栋'] });
  });

  it('names the line of every reference that finds no place, and changes nothing', async () => {
    const before = await rowCounts();
    const text = lines(
      'communities:',
      '  - name: 错误社区',
      '    sites:',
      '      - name: 北苑',
      '        buildings: [{ name: 1栋, rooms: [101] }]',
      '      - { name: 北市场, kind: market }',
      '    grids:',
      '      - { name: 北网格, areas: [北苑/1栋, 北苑/9栋, 北苑/1栋/101] }',
      '    chats:',
      '      - { platform: sandbox, id: 北苑群, kind: building, area: 北院 }',
      '      - { platform: sandbox, id: 北市场群, kind: market, area: 北苑 }',
      '    staff:',
      '      - name: 周主任',
      '        phone: 13500001111',
      '        role: committee',
      '        scope: grid:南网格',
      '      - { name: 吴楼长, phone: 13500002222, role: building_leader, scope: 北苑 }',
    );
    expect(await applyProblems(text)).toEqual([
      'community.yaml:8:37: communities[0].grids[0].areas[1]: no place 北苑/9栋 in 错误社区, neither in this file nor in the store',
      'community.yaml:8:44: communities[0].grids[0].areas[2]: a grid covers sites, buildings or units, not a room',
      'community.yaml:10:61: communities[0].chats[0].area: no place 北院 in 错误社区, neither in this file nor in the store',
      'community.yaml:11:60: communities[0].chats[1].area: a market chat is bound to a market site, not a compound site',
      'community.yaml:16:16: communities[0].staff[0].scope: no grid 南网格 in 错误社区, neither in this file nor in the store',
      "community.yaml:17:72: communities[0].staff[1].scope: a building leader's scope is a building or unit, not a compound site",
    ]);
    expect(await rowCounts()).toEqual(before);
    expect(await findCommunity(t.db, '错误社区')).toBeUndefined();
  });
});
