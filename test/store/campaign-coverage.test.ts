import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadForm } from '../../src/dialogs/form.ts';
import { buildingsOfGroup, campaignGroups, pauseCampaignGroup } from '../../src/store/campaign-chats.ts';
import { campaignTrend, countBuildings, recordCampaignDay } from '../../src/store/campaign-coverage.ts';
import { campaignSettingsSchema, endCampaign, extendCampaign, getCampaign, runningCampaigns, saveCampaign, type Campaign } from '../../src/store/campaigns.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { createPerson } from '../../src/store/persons.ts';
import { insertReport } from '../../src/store/reports.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

/** A campaign counts the rooms of its scope: registered in it, marked empty or away, or still open. */
let store: TestDatabase;
let communityId: number;
const timeZone = 'Asia/Shanghai';

beforeAll(async () => {
  store = await openTestDatabase();
  await loadDemo(store.db, store.cipher);
  communityId = (await store.db.query<{ id: number }>(`SELECT id FROM areas WHERE kind = 'community'`))[0]?.id ?? 0;
}, 120_000);
afterAll(async () => {
  await store?.close();
});

async function roomId(building: string, unit: string, room: string): Promise<number> {
  const rows = await store.db.query<{ id: number }>(
    `SELECT r.id FROM areas r JOIN areas u ON u.id = r.parent_id JOIN areas b ON b.id = u.parent_id
     WHERE r.name = $3 AND u.name = $2 AND b.name = $1`,
    [building, unit, room],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error(`no room ${building}${unit}${room}`);
  return id;
}

async function campaign(name: string, scope: string, startsOn: string): Promise<Campaign> {
  const id = await saveCampaign(store.db, {
    communityId, name, formId: 'registration', startsOn, endsOn: null, retentionDays: 30,
    settings: campaignSettingsSchema.parse({ scope }),
  });
  const found = await getCampaign(store.db, id);
  if (!found) throw new Error('the campaign was not saved');
  return found;
}

async function registerIn(campaignId: number | null, name: string, room: number): Promise<void> {
  const personId = await createPerson(store.db, store.cipher, { name });
  await store.db.query(`INSERT INTO occupancies (person_id, room_id, role) VALUES ($1, $2, 'owner')`, [personId, room]);
  await insertReport(store.db, store.cipher, {
    form: loadForm('registration'), personId, accountId: null, chatId: null, campaignId, answers: { name },
  });
}

describe('the count of a campaign', () => {
  it('counts registered rooms, honours marks made since it started, and lists the open rooms by number', async () => {
    const census = await campaign('出租屋普查', 'site:保利紫山', '2026-03-01');
    const other = await campaign('高温探访', 'building:保利紫山/1栋', '2026-03-01');
    await registerIn(census.id, '赵敏', await roomId('3栋', '1单元', '101'));
    await registerIn(census.id, '赵敏的女儿', await roomId('3栋', '1单元', '101'));
    await registerIn(other.id, '钱进', await roomId('3栋', '2单元', '602'));
    await store.db.query(`INSERT INTO room_marks (room_id, state, source, marked_at) VALUES ($1, 'empty', 'resident', '2026-03-02T02:00:00Z')`, [await roomId('3栋', '1单元', '102')]);
    await store.db.query(`INSERT INTO room_marks (room_id, state, source, marked_at) VALUES ($1, 'away', 'resident', '2026-02-01T02:00:00Z')`, [await roomId('3栋', '1单元', '201')]);
    await store.db.query(`INSERT INTO room_marks (room_id, state, source, marked_at) VALUES ($1, 'away', 'staff', '2026-02-01T02:00:00Z')`, [await roomId('3栋', '1单元', '202')]);

    const buildings = await countBuildings(store.db, census, { timeZone, day: '2026-03-03' });
    expect(buildings.map((b) => b.building)).toEqual(['1栋', '3栋']);
    const three = buildings[1];
    expect(three).toMatchObject({ site: '保利紫山', roomsKnown: 24, roomsCounted: 1, roomsEmpty: 1, roomsAway: 1, persons: 2 });
    expect(three?.uncounted).toHaveLength(21);
    expect(three?.uncounted.slice(0, 3)).toEqual(['1单元201', '1单元301', '1单元302']);
    expect(three?.uncounted).toContain('2单元602');
    expect(buildings[0]).toMatchObject({ roomsKnown: 12, roomsCounted: 0 });

    const [otherOne] = await countBuildings(store.db, other, { timeZone, day: '2026-03-03' });
    expect(otherOne).toMatchObject({ building: '1栋', roomsKnown: 12, roomsCounted: 0 });

    await recordCampaignDay(store.db, census.id, '2026-03-03', buildings);
    await recordCampaignDay(store.db, census.id, '2026-03-03', buildings);
    expect(await campaignTrend(store.db, census.id)).toEqual([{ day: '2026-03-03', roomsKnown: 36, roomsCounted: 1, roomsMarked: 2, persons: 2 }]);
  });

  it('reaches the bound groups of its scope, never the staff chat, and a group can be paused', async () => {
    const census = await campaign('返乡登记', 'site:保利紫山, 长庚里', '2026-03-01');
    const groups = await campaignGroups(store.db, census);
    expect(groups.map((g) => g.chat.platformChatId)).toEqual(['保利紫山3栋业主群', '保利紫山5栋业主群', '长庚里租户群']);
    const [building3] = groups;
    if (!building3) throw new Error('no group');
    const buildings = await countBuildings(store.db, census, { timeZone, day: '2026-03-03' });
    expect((await buildingsOfGroup(store.db, building3.chat, buildings)).map((b) => b.building)).toEqual(['3栋']);
    const village = groups[2];
    if (!village) throw new Error('no group');
    expect((await buildingsOfGroup(store.db, village.chat, buildings)).map((b) => b.building)).toEqual(['96号', '98号', '102号']);

    expect(await pauseCampaignGroup(store.db, census.id, building3.chat.id, true)).toBe(true);
    expect((await campaignGroups(store.db, census))[0]?.pausedAt).toBeInstanceOf(Date);
  });

  it('runs between its dates until ended, and an extension opens it again', async () => {
    const drive = await campaign('防汛转移名单', 'all', '2026-03-01');
    expect((await runningCampaigns(store.db, '2026-03-05', communityId)).map((c) => c.name)).toContain('防汛转移名单');
    expect(await endCampaign(store.db, drive.id, '2026-03-05')).toBe(true);
    expect(await endCampaign(store.db, drive.id, '2026-03-05')).toBe(false);
    expect((await getCampaign(store.db, drive.id))?.endsOn).toBe('2026-03-05');
    expect((await runningCampaigns(store.db, '2026-03-05', communityId)).map((c) => c.name)).not.toContain('防汛转移名单');
    await extendCampaign(store.db, drive.id, '2026-03-20', '2026-03-06');
    const extended = await getCampaign(store.db, drive.id);
    expect(extended).toMatchObject({ endsOn: '2026-03-20', endedAt: null });
  });
});
