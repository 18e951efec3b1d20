import fs from 'node:fs';
import path from 'node:path';
import { addDays, format, parseISO } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobBackendFor } from '../../src/app.ts';
import { loadForm } from '../../src/dialogs/form.ts';
import { createJobQueues } from '../../src/jobs/queue.ts';
import { campaignSettingsSchema, saveCampaign } from '../../src/store/campaigns.ts';
import { createFieldCipher } from '../../src/privacy/index.ts';
import { createPerson } from '../../src/store/persons.ts';
import { insertReport } from '../../src/store/reports.ts';
import { cliRunner } from '../support/cli.ts';
import { testSecret } from '../support/database.ts';

/** `linli campaign` as staff run it on the demo community: start from a file, status, list, pause, extend, end. */
const cli = cliRunner('campaign');
const cipher = createFieldCipher(testSecret);
const linli = (...args: string[]) => cli.run(args);
const file = (name: string, text: string) => {
  const at = path.join(cli.dataDir, name);
  fs.writeFileSync(at, text);
  return at;
};

/** Two households of 3栋 register in the campaign, a room is marked empty and one away. */
async function registerTwoHouseholds(campaignId: number): Promise<void> {
  const store = await cli.open();
  try {
    const room = async (unit: string, name: string) =>
      (
        await store.db.query<{ id: number }>(
          `SELECT r.id FROM areas r JOIN areas u ON u.id = r.parent_id JOIN areas b ON b.id = u.parent_id
           WHERE r.name = $3 AND u.name = $2 AND b.name = $1`,
          ['3栋', unit, name],
        )
      )[0]?.id;
    const register = async (name: string, roomId: number | undefined) => {
      const personId = await createPerson(store.db, cipher, { name });
      await store.db.query(`INSERT INTO occupancies (person_id, room_id, role) VALUES ($1, $2, 'owner')`, [personId, roomId]);
      await insertReport(store.db, cipher, { form: loadForm('registration'), personId, accountId: null, chatId: null, campaignId, answers: { name } });
    };
    await register('赵敏', await room('1单元', '101'));
    await register('赵敏的女儿', await room('1单元', '101'));
    await register('钱进', await room('2单元', '602'));
    await store.db.query(`INSERT INTO room_marks (room_id, state, source, marked_at) VALUES ($1, 'empty', 'staff', now())`, [await room('1单元', '102')]);
    await store.db.query(`INSERT INTO room_marks (room_id, state, source, marked_at) VALUES ($1, 'away', 'resident', now())`, [await room('1单元', '201')]);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  expect((await linli('demo')).code).toBe(0);
}, 180_000);
afterAll(async () => {
  await cli.drop();
});

describe('linli campaign start', { timeout: 300_000 }, () => {
  it('names the line of a settings file that is wrong, and saves nothing', async () => {
    const yaml = file('bad.yaml', ['scope: site:保利紫山', 'promptAt: "25:00"', 'reminders:', '  - "19:00"', '  - "9点"', 'colour: red', ''].join('\n'));
    const bad = await linli('campaign', 'start', '--community', '幸福社区', '--name', '返乡登记', '--settings', yaml);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${yaml}:2: promptAt: a time of day is written HH:MM`);
    expect(bad.stderr).toContain(`${yaml}:5: reminders.1: a time of day is written HH:MM`);
    expect(bad.stderr).toContain(`${yaml}:6: colour: not a setting`);

    const json = file('bad.json', '{\n  "scope": "all",\n  "form": {\n    "disabled": ["shoeSize"]\n  }\n}\n');
    const form = await linli('campaign', 'start', '--community', '幸福社区', '--name', '返乡登记', '--settings', json);
    expect(form.code).toBe(1);
    expect(form.stderr).toContain(`${json}:3: registration: no question shoeSize to switch off`);

    const scope = file('scope.yaml', 'scope: site:保利紫山, building:保利紫山/9栋\n');
    const nowhere = await linli('campaign', 'start', '--community', '幸福社区', '--name', '返乡登记', '--settings', scope);
    expect(nowhere.stderr).toContain('scope site:保利紫山, building:保利紫山/9栋: no building named 保利紫山/9栋');
    expect((await linli('campaign', 'list')).stdout).toBe('');
  });

  it('starts from a file, and status counts registered, empty and away rooms per building and group', async () => {
    const settings = file(
      'returnees.yaml',
      ['# 春节返乡登记', 'starts: 2026-01-10', 'ends: 2099-02-20', 'retentionDays: 30', 'scope: site:保利紫山', 'promptAt: "09:30"', 'reminders: ["19:00"]', ''].join('\n'),
    );
    const started = await linli('campaign', 'start', '--community', '幸福社区', '--name', '返乡登记', '--settings', settings);
    expect(started.stderr).toBe('');
    expect(started.stdout).toContain('返乡登记 (幸福社区): form registration, 2026-01-10 to 2099-02-20');
    expect(started.stdout).toContain('scope site:保利紫山: 2 groups, 36 rooms known');
    expect(started.stdout).toContain('prompts daily at 09:30, reminders at 19:00');
    expect(started.stdout).toContain('deleted on 2099-03-23');

    const [listed] = (await linli('campaign', 'list', '--json')).stdout.trim().split('\n').map((line) => JSON.parse(line) as { campaignId: number; state: string });
    expect(listed).toMatchObject({ campaign: '返乡登记', state: 'running', roomsKnown: 36, roomsCounted: 0, groups: 2 });
    await registerTwoHouseholds(listed?.campaignId ?? 0);

    const status = JSON.parse((await linli('campaign', 'status', '返乡登记', '--json')).stdout) as Record<string, unknown>;
    expect(Object.keys(status)).toEqual([
      'campaign', 'campaignId', 'community', 'form', 'scope', 'state', 'startsOn', 'endsOn', 'purgeOn', 'retentionDays', 'purged',
      'roomsKnown', 'roomsCounted', 'roomsEmpty', 'roomsAway', 'persons', 'coverage', 'changeSinceYesterday', 'buildings', 'groups', 'trend',
    ]);
    expect(status).toMatchObject({
      community: '幸福社区', state: 'running', startsOn: '2026-01-10', endsOn: '2099-02-20', purgeOn: '2099-03-23',
      roomsKnown: 36, roomsCounted: 2, roomsEmpty: 1, roomsAway: 1, persons: 3, coverage: 0.111,
    });
    const buildings = status['buildings'] as { building: string; roomsCounted: number; uncounted: string[] }[];
    expect(buildings.map((b) => [b.building, b.roomsCounted, b.uncounted.length])).toEqual([['1栋', 0, 12], ['3栋', 2, 20]]);
    expect(buildings[1]?.uncounted).not.toContain('1单元101');
    const groups = status['groups'] as { chat: string; buildings: string[]; roomsKnown: number; roomsCounted: number; paused: boolean }[];
    expect(groups.map((g) => [g.chat, g.buildings, g.roomsCounted, g.roomsKnown])).toEqual([
      ['保利紫山3栋业主群', ['保利紫山/3栋'], 2, 24],
      ['保利紫山5栋业主群', [], 0, 0],
    ]);
    expect((status['trend'] as { roomsCounted: number; roomsMarked: number }[]).at(-1)).toMatchObject({ roomsCounted: 2, roomsMarked: 2 });

    const text = (await linli('campaign', 'status', '返乡登记')).stdout;
    expect(text).toContain('已登记 2/36 户（11%），空置 1 户，不在本地 1 户，共 3 人');
    expect(text).toContain('个人信息将于 2099-03-23 删除');
    expect(text).toMatch(/· 保利紫山3栋：2\/24（17%），空置 1，不在本地 1；未登记：1单元202、/);
  });

  it('pauses and resumes one group, extends and ends the campaign', async () => {
    const paused = await linli('campaign', 'pause', '返乡登记', '--chat', '保利紫山3栋业主群');
    expect(paused.stdout).toBe('返乡登记: 保利紫山3栋业主群 paused: no more prompts\n');
    const groups = () => linli('campaign', 'status', '返乡登记', '--json').then((run) => (JSON.parse(run.stdout) as { groups: { paused: boolean }[] }).groups);
    expect((await groups()).map((g) => g.paused)).toEqual([true, false]);
    expect((await linli('campaign', 'pause', '返乡登记', '--chat', '保利紫山3栋业主群', '--resume')).stdout).toContain('is prompted again');
    const stranger = await linli('campaign', 'pause', '返乡登记', '--chat', '长庚里租户群');
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain('--chat 长庚里租户群 is not a group of 返乡登记; its groups: 保利紫山3栋业主群, 保利紫山5栋业主群');

    expect((await linli('campaign', 'extend', '返乡登记', '--to', '2099-03-01')).stdout).toBe('返乡登记 now ends on 2099-03-01; personal data deleted on 2099-04-01\n');
    const early = await linli('campaign', 'extend', '返乡登记', '--to', '2025-12-31');
    expect(early.stderr).toContain('--to 2025-12-31 is before 返乡登记 starts (2026-01-10)');

    const ended = await linli('campaign', 'end', '返乡登记');
    const day = /ended on (\d{4}-\d{2}-\d{2})/.exec(ended.stdout)?.[1] ?? '';
    expect(ended.stdout).toBe(`返乡登记 ended on ${day}; its groups are thanked; personal data deleted on ${format(addDays(parseISO(day), 31), 'yyyy-MM-dd')}\n`);
    const again = await linli('campaign', 'end', '返乡登记');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('返乡登记 has ended already');
    const status = JSON.parse((await linli('campaign', 'status', '返乡登记', '--json')).stdout) as Record<string, unknown>;
    // The final count stays until the purge.
    expect(status).toMatchObject({ state: 'ended', endsOn: day, roomsCounted: 2, persons: 3 });

    // Its start and its end wait in the queue for the workers that announce and thank.
    const store = await cli.open();
    const jobs = createJobQueues(jobBackendFor({ redisUrl: process.env.REDIS_URL || undefined }, store, cli.env.LINLI_QUEUE_PREFIX));
    try {
      const waiting = await jobs.waitingNames('timers');
      expect(waiting).toContain('campaign-start');
      expect(waiting.filter((name) => name === 'campaign-end')).toHaveLength(1);
    } finally {
      await jobs.close();
      await store.close();
    }
  });

  it('asks for --community where a name is used in two communities', async () => {
    const store = await cli.open();
    try {
      const [other] = await store.db.query<{ id: number }>(`INSERT INTO areas (kind, name) VALUES ('community', '和平社区') RETURNING id`);
      await saveCampaign(store.db, {
        communityId: other?.id ?? 0, name: '返乡登记', formId: 'registration', startsOn: '2026-01-01', endsOn: null, retentionDays: 30,
        settings: campaignSettingsSchema.parse({}),
      });
    } finally {
      await store.close();
    }
    const both = await linli('campaign', 'status', '返乡登记');
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('返乡登记 is a campaign in 2 communities (幸福社区, 和平社区): choose one with --community NAME');
    const chosen = JSON.parse((await linli('campaign', 'status', '返乡登记', '--community', '和平社区', '--json')).stdout) as Record<string, unknown>;
    expect(chosen).toMatchObject({ community: '和平社区', roomsKnown: 0, purgeOn: null });
  });
});
