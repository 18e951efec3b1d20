import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RosterEntry } from '../../src/dialogs/roster/index.ts';
import { one } from '../../src/store/db.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { createPerson } from '../../src/store/persons.ts';
import { addEntry, createVersion } from '../../src/store/rosters.ts';
import { recordAsk, saveAnswer, shopStatusesFor } from '../../src/store/shop-status.ts';
import { ensureShop, marketsInScope, renameShop, shopsOfMarkets, staffCount } from '../../src/store/shops.ts';
import { ensureStaff, staffOf } from '../../src/store/staff.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

let t: TestDatabase;
let marketId: number;
const areaNamed = async (name: string) => (await one<{ id: number }>(t.db, 'SELECT id FROM areas WHERE name = $1', [name])).id;
const staffEntry = (name: string, action: RosterEntry['action'] = 'add'): RosterEntry => ({
  name, idNumber: null, phone: '13800001111', room: null, moveIn: null, action, valid: true, problems: [],
});

beforeAll(async () => {
  t = await openTestDatabase();
  await loadDemo(t.db, t.cipher);
  marketId = await areaNamed('幸福市场');
});
afterAll(async () => {
  await t?.close();
});

describe('shops', () => {
  it('keeps one shop per owner and market, renamed by the name the owner gives', async () => {
    const owner = await createPerson(t.db, t.cipher, { name: '王姐' });
    const first = await ensureShop(t.db, { ownerPersonId: owner, marketId, name: null, defaultName: '王姐的档口' });
    const again = await ensureShop(t.db, { ownerPersonId: owner, marketId, name: null, defaultName: '别的名字' });
    const named = await ensureShop(t.db, { ownerPersonId: owner, marketId, name: '3号档 王记猪肉', defaultName: '王姐的档口' });
    expect(first.name).toBe('王姐的档口');
    expect(again).toEqual(first);
    expect(named).toEqual({ ...first, name: '3号档 王记猪肉' });
  });

  it('names a second shop of the same owner, in another market, after its market', async () => {
    const community = await areaNamed('幸福社区');
    const otherMarket = await one<{ id: number }>(
      t.db,
      `INSERT INTO areas (parent_id, kind, site_kind, name) VALUES ($1, 'site', 'market', '南门市场') RETURNING id`,
      [community],
    );
    const owner = await createPerson(t.db, t.cipher, { name: '阿芳' });
    await ensureShop(t.db, { ownerPersonId: owner, marketId, name: null, defaultName: '阿芳的档口' });
    const second = await ensureShop(t.db, { ownerPersonId: owner, marketId: otherMarket.id, name: null, defaultName: '阿芳的档口' });
    expect(second.name).toBe('阿芳的档口（南门市场）');
    expect((await renameShop(t.db, second, '阿芳的档口')).name).toBe('阿芳的档口（南门市场）');
    await t.db.query('DELETE FROM rosters WHERE owner_person_id = $1', [owner]);
    await t.db.query('DELETE FROM areas WHERE id = $1', [otherMarket.id]);
  });

  it('counts a shop once its first list is saved, and counts the staff still on it', async () => {
    expect(await shopsOfMarkets(t.db, [marketId])).toEqual([]);
    const [shop] = await t.db.query<{ id: number }>(`SELECT id FROM rosters WHERE kind = 'shop'`);
    const version = await createVersion(t.db, shop?.id ?? 0, null);
    await addEntry(t.db, t.cipher, version.versionId, 1, staffEntry('张三'), null);
    await addEntry(t.db, t.cipher, version.versionId, 2, staffEntry('李四'), null);
    await addEntry(t.db, t.cipher, version.versionId, 3, staffEntry('王五', 'remove'), null);
    expect((await shopsOfMarkets(t.db, [marketId])).map((found) => found.name)).toEqual(['3号档 王记猪肉']);
    expect(await staffCount(t.db, shop?.id ?? 0)).toBe(2);
  });

  it("gives a day's status from the latest answer, and none for a day without one", async () => {
    const [shop] = await shopsOfMarkets(t.db, [marketId]);
    if (!shop) throw new Error('no shop');
    expect(await recordAsk(t.db, { shopId: shop.id, day: '2026-03-05', chatId: null, accountId: null })).toBe(true);
    expect(await recordAsk(t.db, { shopId: shop.id, day: '2026-03-05', chatId: null, accountId: null })).toBe(false);
    const answer = { shopId: shop.id, day: '2026-03-05', versionId: null, answeredBy: shop.ownerPersonId, sourceInboundId: null };
    await saveAnswer(t.db, t.cipher, { ...answer, status: { allNormal: false, flagged: [{ name: '李四', status: '发烧' }] } });
    await saveAnswer(t.db, t.cipher, { ...answer, status: { allNormal: true, flagged: [] } });
    const [today] = await shopStatusesFor(t.db, t.cipher, [marketId], '2026-03-05');
    expect(today).toMatchObject({ ownerName: '王姐', staffCount: 2, asked: true, reminded: false, answer: { allNormal: true, flagged: [] } });
    const [tomorrow] = await shopStatusesFor(t.db, t.cipher, [marketId], '2026-03-06');
    expect(tomorrow).toMatchObject({ asked: false, answer: null });
    expect(await shopStatusesFor(t.db, t.cipher, [await areaNamed('保利紫山')], '2026-03-05')).toEqual([]);
  });
});

describe('markets in a staff scope', () => {
  it.each([
    ['committee', 'community', '幸福社区', true],
    ['market_manager', 'site', '幸福市场', true],
    ['grid_worker', 'grid', '第一网格', true],
    ['property_manager', 'site', '保利紫山', false],
    ['building_leader', 'building', '3栋', false],
  ] as const)('%s of %s %s sees the market: %s', async (role, kind, place, sees) => {
    const person = await createPerson(t.db, t.cipher, { name: `${role}-${place}` });
    if (kind === 'grid') {
      const grid = await one<{ id: number }>(t.db, 'SELECT id FROM grids WHERE name = $1', [place]);
      await ensureStaff(t.db, { personId: person, role, gridId: grid.id });
    } else {
      await ensureStaff(t.db, { personId: person, role, areaId: await areaNamed(place) });
    }
    expect(await marketsInScope(t.db, await staffOf(t.db, person))).toEqual(sees ? [marketId] : []);
  });
});
