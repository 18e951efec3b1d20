import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  areaPath,
  descendantIds,
  ensureArea,
  ensureChildren,
  ensureGrid,
  findArea,
  findAreaByPath,
  findGrid,
  gridAreaIds,
  listChildren,
  setGridAreas,
} from '../../src/store/areas.ts';
import { createPerson } from '../../src/store/persons.ts';
import { ensureStaff, staffOf } from '../../src/store/staff.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

/** 幸福社区 > 保利紫山 > 3栋 > 2单元 > 501, 502, under a community name of the test's own. */
async function tree(communityName: string) {
  const community = await ensureArea(t.db, { parentId: null, kind: 'community', name: communityName });
  const site = await ensureArea(t.db, { parentId: community, kind: 'site', siteKind: 'compound', name: '保利紫山' });
  const building = await ensureArea(t.db, { parentId: site, kind: 'building', name: '3栋' });
  const unit = await ensureArea(t.db, { parentId: building, kind: 'unit', name: '2单元' });
  const rooms = await ensureChildren(t.db, unit, 'room', ['501', '502']);
  return { community, site, building, unit, rooms };
}

describe('areas', () => {
  it('gives the same row for the same parent, kind and name', async () => {
    const first = await tree('幸福社区');
    const again = await tree('幸福社区');
    expect(again).toEqual(first);
    const [row] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM areas WHERE name = '502'");
    expect(row?.n).toBe(1);
    expect(await findArea(t.db, { parentId: first.site, kind: 'building', name: '3栋' })).toEqual({
      id: first.building,
      parentId: first.site,
      kind: 'building',
      siteKind: null,
      name: '3栋',
    });
    expect(await findArea(t.db, { parentId: first.site, kind: 'building', name: '4栋' })).toBeUndefined();
  });

  it('keeps the same name apart under different parents and of different kinds', async () => {
    const community = await ensureArea(t.db, { parentId: null, kind: 'community', name: '长庚村' });
    const a = await ensureArea(t.db, { parentId: community, kind: 'site', siteKind: 'village', name: '长庚里' });
    const b = await ensureArea(t.db, { parentId: community, kind: 'site', siteKind: 'compound', name: '东区' });
    const roomsA = await ensureChildren(t.db, await ensureArea(t.db, { parentId: a, kind: 'building', name: '1栋' }), 'room', ['101']);
    const roomsB = await ensureChildren(t.db, await ensureArea(t.db, { parentId: b, kind: 'building', name: '1栋' }), 'room', ['101']);
    expect(roomsA.get('101')).not.toBe(roomsB.get('101'));
  });

  it('refuses a place in the wrong spot of the tree', async () => {
    const { community, site, unit } = await tree('规则社区');
    await expect(ensureArea(t.db, { parentId: community, kind: 'building', name: '1栋' })).rejects.toThrow('a building cannot be inside a community');
    await expect(ensureArea(t.db, { parentId: site, kind: 'site', siteKind: 'market', name: '市场' })).rejects.toThrow('a site cannot be inside a site');
    await expect(ensureArea(t.db, { parentId: community, kind: 'site', name: '无类' })).rejects.toThrow('needs a site kind');
    await expect(ensureArea(t.db, { parentId: null, kind: 'room', name: '101' })).rejects.toThrow('a room needs a parent');
    await expect(ensureChildren(t.db, unit, 'unit', ['1单元'])).rejects.toThrow('a unit cannot be inside a unit');
  });

  it('updates the kind of an existing site to the one asked for', async () => {
    const community = await ensureArea(t.db, { parentId: null, kind: 'community', name: '改类社区' });
    const first = await ensureArea(t.db, { parentId: community, kind: 'site', siteKind: 'compound', name: '新村' });
    const again = await ensureArea(t.db, { parentId: community, kind: 'site', siteKind: 'village', name: '新村' });
    expect(again).toBe(first);
    expect((await findArea(t.db, { parentId: community, kind: 'site', name: '新村' }))?.siteKind).toBe('village');
  });

  it('lists children in the order they were made, optionally of one kind', async () => {
    const { building, unit } = await tree('列表社区');
    const direct = await ensureChildren(t.db, building, 'room', ['商铺1']);
    expect((await listChildren(t.db, unit)).map((area) => area.name)).toEqual(['501', '502']);
    expect((await listChildren(t.db, building)).map((area) => `${area.kind}:${area.name}`)).toEqual(['unit:2单元', 'room:商铺1']);
    expect((await listChildren(t.db, building, 'room')).map((area) => area.id)).toEqual([direct.get('商铺1')]);
  });

  it('names the path from the community down and finds a place by it', async () => {
    const { community, rooms } = await tree('路径社区');
    const room = rooms.get('502') ?? 0;
    expect(await areaPath(t.db, room)).toEqual(['路径社区', '保利紫山', '3栋', '2单元', '502']);
    expect(await areaPath(t.db, community)).toEqual(['路径社区']);
    expect((await findAreaByPath(t.db, community, ['保利紫山', '3栋', '2单元', '502']))?.id).toBe(room);
    expect((await findAreaByPath(t.db, community, []))?.id).toBe(community);
    expect(await findAreaByPath(t.db, community, ['保利紫山', '9栋'])).toBeUndefined();
  });

  it('gives an area and everything below it, nothing beside it', async () => {
    const { site, building, unit, rooms } = await tree('后代社区');
    const other = await ensureArea(t.db, { parentId: site, kind: 'building', name: '5栋' });
    expect(await descendantIds(t.db, building)).toEqual([building, unit, rooms.get('501'), rooms.get('502')]);
    expect(await descendantIds(t.db, site)).toEqual([site, building, unit, rooms.get('501'), rooms.get('502'), other]);
    expect(await descendantIds(t.db, rooms.get('501') ?? 0)).toEqual([rooms.get('501')]);
  });
});

describe('grids', () => {
  it('makes one grid per name and community and sets exactly the areas given', async () => {
    const { community, site, building } = await tree('网格社区');
    const other = await ensureArea(t.db, { parentId: site, kind: 'building', name: '5栋' });
    const grid = await ensureGrid(t.db, community, '第一网格');
    expect(await ensureGrid(t.db, community, '第一网格')).toBe(grid);
    expect(await findGrid(t.db, community, '第一网格')).toEqual({ id: grid, communityId: community, name: '第一网格' });
    await setGridAreas(t.db, grid, [building, other]);
    await setGridAreas(t.db, grid, [building, other]);
    expect(await gridAreaIds(t.db, grid)).toEqual([building, other]);
    await setGridAreas(t.db, grid, [other]);
    expect(await gridAreaIds(t.db, grid)).toEqual([other]);
    await expect(ensureGrid(t.db, site, '错网格')).rejects.toThrow('must belong to a community');
  });
});

describe('staff', () => {
  it('gives one staff row per person, role and scope, and lists the scopes with their paths', async () => {
    const { community, building } = await tree('职员社区');
    const grid = await ensureGrid(t.db, community, '第二网格');
    const person = await createPerson(t.db, t.cipher, { name: '张网格' });
    const asCommittee = await ensureStaff(t.db, { personId: person, role: 'committee', areaId: community });
    expect(await ensureStaff(t.db, { personId: person, role: 'committee', areaId: community })).toBe(asCommittee);
    const asLeader = await ensureStaff(t.db, { personId: person, role: 'building_leader', areaId: building });
    const asGridWorker = await ensureStaff(t.db, { personId: person, role: 'grid_worker', gridId: grid });
    expect(await staffOf(t.db, person)).toEqual([
      { id: asCommittee, personId: person, role: 'committee', scope: { kind: 'area', areaId: community, areaKind: 'community', path: ['职员社区'] } },
      {
        id: asLeader,
        personId: person,
        role: 'building_leader',
        scope: { kind: 'area', areaId: building, areaKind: 'building', path: ['职员社区', '保利紫山', '3栋'] },
      },
      { id: asGridWorker, personId: person, role: 'grid_worker', scope: { kind: 'grid', gridId: grid, communityId: community, name: '第二网格' } },
    ]);
    expect(await staffOf(t.db, await createPerson(t.db, t.cipher, { name: '居民' }))).toEqual([]);
  });
});
