import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnePerson } from '../../src/cli/find-person.ts';
import { recoverUnfinished } from '../../src/bot/recovery.ts';
import { askMorningCheckins, remindCheckins } from '../../src/jobs/checkins.ts';
import { buildDigest, type Digest } from '../../src/reports/digest.ts';
import { digestText } from '../../src/reports/digest-text.ts';
import { staffDigest } from '../../src/reports/staff-digest.ts';
import type { CheckinDigestRow, DigestRows } from '../../src/store/digest-rows.ts';
import { one } from '../../src/store/db.ts';
import { createPerson } from '../../src/store/persons.ts';
import { createVersion } from '../../src/store/rosters.ts';
import { saveAnswer } from '../../src/store/shop-status.ts';
import { ensureShop } from '../../src/store/shops.ts';
import { say } from '../support/chat.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';
import { at, converseOn, dayWindow, loadDigestCommunity, missedCheckin, register, residentId, timeZone, today } from './digest-community.ts';

const window = dayWindow;
let now = at(9);
let linli: TestLinli;

const group3 = '保利紫山3栋业主群';
const group1 = '保利紫山1栋业主群';

async function digestOf(staffName: string): Promise<Digest> {
  const person = await findOnePerson(linli.deps.db, linli.deps.cipher, staffName);
  const digest = await staffDigest(linli.deps.db, linli.deps.cipher, { personId: person.id, day: today, timeZone, now });
  if (!digest) throw new Error(`${staffName} is not staff`);
  return digest;
}

const names = (people: readonly { name: string | null }[]) => people.map((person) => person.name);

beforeAll(async () => {
  linli = await startTestLinli({ clock: () => now });
  await loadDigestCommunity(linli);
  await register(linli, today, { user: '赵敏', group: group3, serial: 1, room: '3栋1单元101', arrived: '昨天' });
  await register(linli, today, { user: '钱进', group: group3, serial: 2, room: '3栋1单元102', arrived: '前天' });
  await register(linli, today, { user: '周红', group: group3, serial: 3, room: '3栋2单元201' });
  await register(linli, today, { user: '孙丽', group: group1, serial: 4, room: '1栋1单元101', arrived: '昨天' });
  // Registered privately, with no group to say where: nobody knows which building.
  await register(linli, today, { user: '冯刚', group: 'dm', serial: 5, room: '9栋909' });
  // A landlord of building 3 lists two tenants who have not registered, and one who has (钱进).
  await say(linli, '老陈', group3, ['租户名单', `张三 ${residentId(6)} 13800000006 3栋2单元502`, `李四 ${residentId(7)} 13800000007 3栋2单元601`, `钱进 ${residentId(2)} 13900000002 3栋1单元102`].join('\n'), today);
  await converseOn(linli, today, '老陈', [['确认', '名单已保存']]);
  // Someone stuck in the form asks for a person (人工) and then leaves it.
  await say(linli, '王芳', group3, '登记', today);
  await converseOn(linli, today, '王芳', [['同意', '姓名'], ['人工', '已经通知工作人员'], ['取消', '已取消']]);
  expect(await askMorningCheckins(linli.deps)).toBe(3);
});
afterAll(async () => {
  await linli?.close();
});

describe('the digest of a building leader', () => {
  it('counts the building\'s residents, observations and the morning\'s check-ins, with nobody missed yet', async () => {
    now = at(10);
    const digest = await digestOf('周楼长');
    expect(digest.residents).toEqual({ total: 3, newToday: 3 });
    expect(digest.underObservation).toBe(2);
    expect(digest.checkins).toMatchObject({ asked: 2, answered: 0, awaiting: 2, missed: [], abnormal: [] });
    expect(digest.final).toBe(false);
  });

  it('shows a fever when it is reported, and a missed check-in once the reminder has gone out', async () => {
    await converseOn(linli, today, '钱进', [['37.8 有点咳嗽', '转告社区工作人员']]);
    await converseOn(linli, today, '孙丽', [['36.5 无', '已记录']]);
    now = at(14);
    expect(await remindCheckins(linli.deps)).toBe(1);
    now = at(18);
    const digest = await digestOf('周楼长');
    expect(digest.checkins).toMatchObject({ asked: 2, answered: 1, awaiting: 0 });
    expect(digest.checkins.missed).toEqual([{ name: '赵敏', place: { site: '保利紫山', below: '3栋1单元101' } }]);
    expect(digest.checkins.abnormal).toEqual([
      { name: '钱进', place: { site: '保利紫山', below: '3栋1单元102' }, temperature: 37.8, symptoms: '有点咳嗽' },
    ]);
    const text = digestText(digest, 'zh-CN', timeZone);
    expect(text).toContain(`【每日简报】${today} 保利紫山3栋（截至18:00）`);
    expect(text).toContain('当天打卡：应打卡2人，已打卡1人，未打卡1人');
    expect(text).toContain('· 赵敏 3栋1单元101');
    expect(text).toContain('· 钱进 3栋1单元102：37.8℃，有点咳嗽');
  });

  it('lists the open request for help and the landlord\'s tenants who have not registered', async () => {
    const digest = await digestOf('周楼长');
    expect(names(digest.helpRequests)).toEqual(['王芳']);
    expect(digest.helpRequests[0]?.place).toEqual({ site: '保利紫山', below: '3栋' });
    expect(digest.unregisteredTenants).toEqual([
      { name: '张三', room: '3栋2单元502', landlord: '老陈' },
      { name: '李四', room: '3栋2单元601', landlord: '老陈' },
    ]);
    const text = digestText(digest, 'zh-CN', timeZone);
    expect(text).toContain('房东名单上还没登记的租户：2人\n· 张三 3栋2单元502（房东：老陈）');
    expect(text).toContain('待处理的求助（人工）：1件\n· 王芳 3栋');
  });

  it('never shows another building\'s people, nor the sends of the whole community', async () => {
    const digest = await digestOf('吴楼长');
    expect(digest.residents).toEqual({ total: 1, newToday: 1 });
    expect(digest.checkins).toMatchObject({ asked: 1, answered: 1, missed: [], abnormal: [] });
    expect(digest.helpRequests).toEqual([]);
    expect(digest.unregisteredTenants).toEqual([]);
    expect(digest.uncertainSends).toBeNull();
    const text = digestText(digest, 'zh-CN', timeZone);
    expect(text).not.toMatch(/赵敏|钱进|周红|冯刚|张三|王芳|发送结果/);
  });

  it('holds no ID number or phone, in either language', async () => {
    const digest = await digestOf('周楼长');
    for (const text of [digestText(digest, 'zh-CN', timeZone), digestText(digest, 'en', timeZone), JSON.stringify(digest)]) {
      expect(text).not.toMatch(/\d{11}|4406/);
    }
    expect(digestText(digest, 'en', timeZone)).toContain('Missed (reminded already, or not reachable):\n· 赵敏 3栋1单元101');
  });
});

describe('wider scopes', () => {
  it('gives a grid worker the grid\'s people, without the ones whose place is unknown', async () => {
    const digest = await digestOf('郑网格');
    expect(digest.scope).toEqual([{ kind: 'grid', name: '第一网格' }]);
    expect(digest.residents.total).toBe(4);
    expect(digest.checkins.asked).toBe(3);
    expect(digest.uncertainSends).toBeNull();
  });

  it('gives the committee everyone, and how many sends a crash left uncertain', async () => {
    expect((await digestOf('李主任')).uncertainSends).toBe(0);
    // A process that died in the middle of a send leaves its row 'sending'; start-up marks it uncertain.
    await linli.deps.db.query(
      `UPDATE outbox SET status = 'sending', claimed_at = now() - interval '10 minutes'
       WHERE id = (SELECT max(id) FROM outbox WHERE status = 'sent')`,
    );
    expect((await recoverUnfinished(linli.deps)).uncertain).toBe(1);
    const digest = await digestOf('李主任');
    expect(digest.residents.total).toBe(5);
    expect(digest.uncertainSends).toBe(1);
    const text = digestText(digest, 'zh-CN', timeZone);
    expect(text).toContain('发送结果不确定的消息：1条');
  });

  it('tells staff whose scope holds a market how many shops answered and how many flagged someone', async () => {
    const { db, cipher } = linli.deps;
    const market = await one<{ id: number }>(db, "SELECT id FROM areas WHERE name = '幸福市场'");
    for (const [owner, shopName, flagged] of [['黄老板', '黄记猪肉', true], ['林老板', '林记蔬菜', false], ['何老板', '何记水产', null]] as const) {
      const ownerId = await createPerson(db, cipher, { name: owner });
      const shop = await ensureShop(db, { ownerPersonId: ownerId, marketId: market.id, name: shopName, defaultName: shopName });
      await createVersion(db, shop.id, null);
      if (flagged === null) continue;
      await saveAnswer(db, cipher, {
        shopId: shop.id,
        day: today,
        versionId: null,
        answeredBy: ownerId,
        sourceInboundId: null,
        status: { allNormal: !flagged, flagged: flagged ? [{ name: '小黄', status: '发烧' }] : [] },
      });
    }
    const committee = await digestOf('李主任');
    expect(committee.shops).toEqual({ total: 3, answered: 2, flagged: 1 });
    expect(digestText(committee, 'zh-CN', timeZone)).toContain('市场商户：3家，已回复2家，报告有人异常1家');
    expect((await digestOf('郑网格')).shops).toEqual({ total: 3, answered: 2, flagged: 1 });
    expect((await digestOf('周楼长')).shops).toBeNull();
  });

  it('is whole once the day is over: who has not answered by then has missed it', async () => {
    now = at(30);
    const digest = await digestOf('周楼长');
    expect(digest.final).toBe(true);
    expect(digest.asOf).toEqual(window.end);
    expect(digestText(digest, 'zh-CN', timeZone)).toContain('（全天）');
  });
});

describe('the text on a phone', () => {
  const checkin = missedCheckin;
  const rows = (checkins: CheckinDigestRow[]): DigestRows => ({
    residents: { total: 0, newToday: 0, byBuilding: new Map() },
    underObservation: checkins.length,
    observed: [],
    checkins,
    helpRequests: [],
    unregisteredTenants: [],
    uncertainSends: null,
    shops: [],
    idConflicts: [],
    rosterMismatches: [],
  });

  it('names ten people of a list and says how many more there are', () => {
    const digest = buildDigest(rows(Array.from({ length: 13 }, (_, index) => checkin(index + 1))), window, [{ kind: 'area', path: ['幸福社区', '长庚里'] }], at(18));
    const zh = digestText(digest, 'zh-CN', timeZone);
    expect(zh).toContain('· 住户10 96号110\n……还有3人');
    expect(zh).not.toContain('住户11');
    expect(digestText(digest, 'en', timeZone)).toContain('…and 3 more');
  });

  it('counts someone the bot could not ask as missed at once, and someone not yet reminded as waiting', () => {
    const unreachable = { ...checkin(1), reachable: false, remindedAt: null };
    const waiting = { ...checkin(2), remindedAt: null };
    const digest = buildDigest(rows([unreachable, waiting]), window, [], at(10));
    expect(names(digest.checkins.missed)).toEqual(['住户01']);
    expect(digest.checkins.awaiting).toBe(1);
    expect(digestText(digest, 'zh-CN', timeZone)).toContain('未打卡1人，1人还没到提醒时间');
  });
});
