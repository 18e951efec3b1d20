import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askShopStatus, remindShopStatus } from '../../../src/jobs/shop-status.ts';
import { one } from '../../../src/store/db.ts';
import { findOrCreateAccount } from '../../../src/store/accounts.ts';
import { findOrCreateChat } from '../../../src/store/chats.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { addEntry, createVersion } from '../../../src/store/rosters.ts';
import { ensureShop } from '../../../src/store/shops.ts';
import { shopStatusesFor } from '../../../src/store/shop-status.ts';
import { ensureStaff } from '../../../src/store/staff.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

/** 2026-03-05 at 08:30 in Asia/Shanghai. */
let now = new Date('2026-03-05T00:30:00Z');
let linli: TestLinli;
let marketId: number;

const market = '幸福市场商户群';
const wangList = ['3号档 王记猪肉 员工名单', '张三 13812345678', '李四 13925836147', '王五 13500001111'].join('\n');

/** A person who has written to the bot once, made staff of the place at `path` (names below the community). */
async function makeStaff(user: string, role: 'market_manager' | 'building_leader', place: string): Promise<void> {
  await say(linli, user, 'dm', '你好');
  const { db } = linli.deps;
  const person = await one<{ person_id: number }>(db, 'SELECT person_id FROM accounts WHERE platform_user_id = $1', [user]);
  const area = await one<{ id: number }>(db, 'SELECT id FROM areas WHERE name = $1', [place]);
  await ensureStaff(db, { personId: person.person_id, role, areaId: area.id });
}

/** What the bot wrote to a user outside any conversation (the morning jobs), newest last. */
async function jobMessagesTo(user: string): Promise<string[]> {
  const rows = await linli.deps.db.query<{ text_enc: string }>(
    `SELECT o.text_enc FROM outbox o JOIN accounts a ON a.id = o.to_account_id
     WHERE o.inbound_id IS NULL AND a.platform_user_id = $1 ORDER BY o.id`,
    [user],
  );
  return rows.map((row) => linli.deps.cipher.decrypt(row.text_enc));
}

const answersOf = () => linli.deps.db.query<{ answer_enc: string }>('SELECT answer_enc FROM shop_status_answers ORDER BY id');

beforeAll(async () => {
  linli = await startTestLinli({ clock: () => now });
  await loadDemo(linli.deps.db, linli.deps.cipher);
  marketId = (await one<{ id: number }>(linli.deps.db, `SELECT id FROM areas WHERE name = '幸福市场'`)).id;
  await makeStaff('市场老陈', 'market_manager', '幸福市场');
  await makeStaff('楼长小吴', 'building_leader', '3栋');
});
afterAll(async () => {
  await linli?.close();
});

describe('a shop owner keeps the staff list in the market group', () => {
  it('takes a list pasted in the market group as the shop staff list, named by its first line', async () => {
    const replies = await say(linli, '王姐', market, wangList);
    const inGroup = texts(replies.filter((line) => line.chat === market));
    const inPrivate = texts(replies.filter((line) => line.chat === 'dm' && line.to === '王姐'));
    expect(inGroup).toContain('收到王姐的档口员工名单（3号档 王记猪肉），共3人');
    expect(inGroup).not.toMatch(/张三|李四|138|\d{6,}/);
    expect(inPrivate).toContain('「3号档 王记猪肉」的员工名单');
    expect(inPrivate).toContain('1. 张三 138****5678');
    // Staff of a stall have no room: no row is faulted for it, and the header is no row.
    expect(inPrivate).not.toContain('房号');
    expect(inPrivate).not.toContain('王记猪肉 ');
  });

  it('corrects and confirms it through the roster flow, without asking staff to register', async () => {
    const [corrected, saved] = await converse(linli, '王姐', 'dm', [
      ['第2行手机 13925836148', /2\. 李四 139\*{4}6148 ✅/],
      ['确认', '名单已保存（第1版），共3人'],
    ]);
    expect(texts(corrected ?? [])).not.toContain('房号');
    expect(texts(saved ?? [])).toContain('「3号档 王记猪肉」的员工名单已保存');
    expect(texts(saved ?? [])).not.toContain('登记');
    const shops = await linli.deps.db.query<{ kind: string; name: string; area_id: number }>(`SELECT kind, name, area_id FROM rosters`);
    expect(shops).toEqual([{ kind: 'shop', name: '3号档 王记猪肉', area_id: marketId }]);
  });

  it('names a shop after its owner when the list has no title, and takes 档口名 to rename it', async () => {
    await say(linli, '阿强', market, ['张伟 13700001111', '刘芳 13700002222'].join('\n'));
    await converse(linli, '阿强', 'dm', [['确认', '「阿强的档口」的员工名单已保存']]);
    await converse(linli, '阿强', market, [['档口名 7号档 阿强水果', '档口名已改为「7号档 阿强水果」']]);
  });

  it('leaves a list in a building group to the landlord flow', async () => {
    const replies = await say(linli, '房东老周', '长庚里租户群', ['陈建华 440603198503152015 13812345678 96号201', '李秀英 44060319920720302X 13925836147 96号202'].join('\n'));
    expect(texts(replies)).toContain('收到房东老周的名单');
    expect(texts(replies)).not.toContain('档口');
  });
});

describe('the morning question about the staff', () => {
  it('asks each shop owner once a morning, privately where the bot may write', async () => {
    expect(await askShopStatus(linli.deps)).toBe(2);
    expect(await askShopStatus(linli.deps)).toBe(0);
    expect((await jobMessagesTo('王姐')).at(-1)).toBe(
      '【3号档 王记猪肉】今天档口员工情况如何？都正常请回「正常」；有人不舒服请写名字和情况，例如「张三 发烧」',
    );
    expect(await jobMessagesTo('阿强')).toHaveLength(1);
  });

  it('refuses a name that is not on the list, says who is, and saves nothing', async () => {
    const reply = texts(await say(linli, '王姐', 'dm', '王小明 发烧'));
    expect(reply).toContain('员工名单上没有王小明');
    expect(reply).toContain('张三、李四、王五');
    expect(await answersOf()).toEqual([]);
  });

  it('asks again politely for what it cannot read, and for a name without a status', async () => {
    expect(texts(await say(linli, '王姐', 'dm', '今天生意还行'))).toContain('没有看懂');
    expect(texts(await say(linli, '王姐', 'dm', '李四'))).toContain('请写上李四的情况');
    expect(await answersOf()).toEqual([]);
  });

  it('records who is unwell, encrypted, and tells the staff of the market', async () => {
    expect(texts(await say(linli, '王姐', 'dm', '李四 发烧'))).toContain('已记录「3号档 王记猪肉」今天的情况：李四 发烧');
    const [stored] = await answersOf();
    expect(stored?.answer_enc).not.toContain('李四');
    expect(linli.deps.cipher.decrypt(stored?.answer_enc ?? '')).toContain('发烧');
    const alerts = await linli.deps.db.query<{ text_enc: string; user: string }>(
      `SELECT o.text_enc, a.platform_user_id AS user FROM outbox o JOIN accounts a ON a.id = o.to_account_id
       WHERE o.text_masked LIKE '【档口员工异常】%'`,
    );
    expect(alerts.map((alert) => alert.user).sort()).toEqual(['市场老陈', '李主任'].sort());
    expect(linli.deps.cipher.decrypt(alerts[0]?.text_enc ?? '')).toBe('【档口员工异常】幸福市场 3号档 王记猪肉（王姐）：李四 发烧。请跟进。');
  });
});

describe("the manager's view of the shops", () => {
  it('shows the sums, then flagged shops first, then those that have not answered', async () => {
    const reply = texts(await say(linli, '市场老陈', 'dm', '档口情况'));
    expect(reply.split('\n')).toEqual([
      '【幸福市场】2026-03-05 档口情况',
      '共2个档口、5名员工；已回复1个，未回复1个；有情况1人。',
      '⚠ 3号档 王记猪肉（王姐）3人：李四 发烧',
      '… 7号档 阿强水果（阿强）2人：未回复',
    ]);
    expect(reply).not.toMatch(/\d{7,}|\*{4}/);
    const audits = await linli.deps.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action = 'shops.view'`);
    expect(audits).toHaveLength(1);
  });

  it('reminds once whoever has not answered, and then shows them as reminded', async () => {
    now = new Date('2026-03-05T03:00:00Z');
    expect(await remindShopStatus(linli.deps)).toBe(1);
    expect(await remindShopStatus(linli.deps)).toBe(0);
    expect((await jobMessagesTo('阿强')).at(-1)).toContain('【7号档 阿强水果】今天的档口员工情况还没有收到');
    expect(await jobMessagesTo('王姐')).toHaveLength(1);
    expect(texts(await say(linli, '市场老陈', 'dm', '/shops'))).toContain('… 7号档 阿强水果（阿强）2人：未回复（已提醒）');
  });

  it("takes a second answer of the day as the day's status, keeping the first", async () => {
    const reply = texts(await say(linli, '王姐', 'dm', '都正常'));
    expect(reply).toContain('已记录：「3号档 王记猪肉」今天员工都正常');
    expect(reply).toContain('这条已替换今天之前的回复');
    expect(await answersOf()).toHaveLength(2);
    const [wang] = await shopStatusesFor(linli.deps.db, linli.deps.cipher, [marketId], '2026-03-05');
    expect(wang?.answer).toMatchObject({ allNormal: true, flagged: [] });
    expect(texts(await say(linli, '李主任', 'dm', '档口情况'))).toMatch(
      /已回复1个，未回复1个；有情况0人。\n… 7号档 阿强水果（阿强）2人：未回复（已提醒）\n✓ 3号档 王记猪肉（王姐）3人：都正常/,
    );
  });

  it('takes an answer in the market group without repeating anyone\'s health there, and leaves the group\'s talk alone', async () => {
    // Before the answer: talk in the group that names someone is no answer, and the bot stays quiet.
    expect(texts(await say(linli, '阿强', market, '小王 在吗'))).toBe('');
    expect(texts(await say(linli, '阿强', market, '刘芳'))).toBe('');
    const replies = await say(linli, '阿强', market, '刘芳 请假');
    expect(texts(replies.filter((line) => line.chat === market))).toBe('已记录「7号档 阿强水果」今天的员工情况，谢谢！');
    expect(texts(replies.filter((line) => line.chat === 'dm' && line.to === '市场老陈'))).toContain('刘芳 请假');
    expect(texts(await say(linli, '阿强', market, '今天人好多啊'))).toBe('');
    expect(texts(await say(linli, '市场老陈', 'dm', '档口情况'))).toContain('⚠ 7号档 阿强水果（阿强）2人：刘芳 请假');
  });

  it('never shows the view in a group', async () => {
    const replies = await say(linli, '市场老陈', market, '/shops');
    expect(texts(replies)).toBe('档口情况里有员工的身体情况，请私聊我发送「档口情况」。');
  });

  it('refuses staff whose scope holds no market, and anyone else as not staff', async () => {
    expect(texts(await say(linli, '楼长小吴', 'dm', '档口情况'))).toBe('您负责的范围里没有市场，看不到档口情况。');
    const resident = texts(await say(linli, '路人甲', 'dm', '档口情况'));
    expect(resident).toContain('这是社区工作人员使用的功能');
    expect(resident).not.toContain('王记猪肉');
  });

  it('shows a shop that never answered as not answered the next day', async () => {
    now = new Date('2026-03-06T02:00:00Z');
    const reply = texts(await say(linli, '市场老陈', 'dm', '档口情况', '2026-03-06'));
    expect(reply).toContain('已回复0个，未回复2个');
    expect(reply).toContain('… 3号档 王记猪肉（王姐）3人：未回复');
  });
});

describe('an owner the bot cannot write to first', () => {
  it('is asked in the market group, addressed to them', async () => {
    const { db, cipher } = linli.deps;
    const weChatGroup = await db.transaction(async (tx) => {
      const chat = await findOrCreateChat(tx, { platform: 'wechat', platformChatId: 'room-market@chatroom', kind: 'market' });
      await tx.query('UPDATE chats SET area_id = $2 WHERE id = $1', [chat.id, marketId]);
      const owner = await findOrCreateAccount(tx, cipher, { platform: 'wechat', platformUserId: 'wxid_laoli', displayName: '老李' });
      const shop = await ensureShop(tx, { ownerPersonId: owner.personId, marketId, name: '9号档 老李干货', defaultName: '老李的档口' });
      const version = await createVersion(tx, shop.id, null);
      const entry = { name: '赵六', idNumber: null, phone: '13600001111', room: null, moveIn: null, action: 'add', valid: true, problems: [] } as const;
      await addEntry(tx, cipher, version.versionId, 1, { ...entry, problems: [] }, null);
      return chat.id;
    });
    now = new Date('2026-03-06T00:30:00Z');
    expect(await askShopStatus(linli.deps)).toBe(3);
    const [ask] = await db.query<{ chat_id: number; user: string; text_enc: string }>(
      `SELECT o.chat_id, a.platform_user_id AS user, o.text_enc FROM outbox o JOIN accounts a ON a.id = o.to_account_id
       WHERE o.inbound_id IS NULL AND a.platform_user_id = 'wxid_laoli'`,
    );
    expect(ask?.chat_id).toBe(weChatGroup);
    expect(cipher.decrypt(ask?.text_enc ?? '')).toContain('【9号档 老李干货】今天档口员工情况如何？');
  });
});

describe('an owner updates the staff list privately', () => {
  it('takes the new list as the next version of the shop, and asks before taking anyone off', async () => {
    const today = '2026-03-06';
    const pasted = await say(linli, '王姐', 'dm', ['张三 13812345678', '李四 13925836148', '赵六 13600002222'].join('\n'), today);
    expect(texts(pasted)).toContain('「3号档 王记猪肉」的员工名单');
    const confirmed = texts(await say(linli, '王姐', 'dm', '确认', today));
    expect(confirmed).toContain('名单已保存（第2版），共3人');
    expect(confirmed).toContain('新增：赵六');
    expect(confirmed).toContain('以下员工这次名单里没有，是不在档口做了吗？回复「是」确认：王五');
    expect(texts(await say(linli, '王姐', 'dm', '是', today))).toContain('已从员工名单中去掉：王五（第3版）');
    const reply = texts(await say(linli, '王姐', 'dm', '王五 请假', today));
    expect(reply).toContain('员工名单上没有王五');
    expect(reply).toContain('张三、李四、赵六');
    expect(texts(await say(linli, '王姐', 'dm', '赵六 咳嗽', today))).toContain('赵六 咳嗽');
    const rosters = await linli.deps.db.query<{ kind: string }>(`SELECT kind FROM rosters WHERE owner_person_id =
      (SELECT person_id FROM accounts WHERE platform_user_id = '王姐')`);
    expect(rosters).toEqual([{ kind: 'shop' }]);
  });
});

describe('a staff list of names alone', () => {
  it('is taken under a title line, each row asking for a phone', async () => {
    const replies = await say(linli, '陈姐', market, '员工名单：陈一、陈二', '2026-03-06');
    expect(texts(replies.filter((line) => line.chat === market))).toContain('收到陈姐的档口员工名单（陈姐的档口），共2人，其中2行有问题');
    const inPrivate = texts(replies.filter((line) => line.chat === 'dm' && line.to === '陈姐'));
    expect(inPrivate).toContain('1. 陈一 ❌ 没有身份证号和手机号');
    expect(texts(await say(linli, '陈姐', market, '陈一、陈二明天来吗', '2026-03-06'))).toBe('');
  });
});

describe('the schedule', () => {
  it("runs the morning question as the timers queue's job", async () => {
    now = new Date('2026-03-07T00:30:00Z');
    await linli.deps.jobs.add('timers', 'shop-status-ask', {});
    const asked = async () =>
      (await linli.deps.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM shop_status_asks WHERE day = '2026-03-07'`))[0]?.count;
    // 王姐, 阿强 and 老李 have confirmed lists; 陈姐's is still a draft.
    await expect.poll(asked, { timeout: 15_000 }).toBe(3);
  });
});

describe('an owner who reports before the question', () => {
  it('is recorded, and not asked that morning', async () => {
    const today = '2026-03-08';
    expect(texts(await say(linli, '王姐', 'dm', '今天生意不错', today))).toContain('邻里小助手');
    expect(texts(await say(linli, '王姐', 'dm', '张三 请假', today))).toContain('已记录「3号档 王记猪肉」今天的情况：张三 请假');
    now = new Date('2026-03-08T00:30:00Z');
    expect(await askShopStatus(linli.deps)).toBe(2);
    const asked = await linli.deps.db.query<{ name: string }>(
      `SELECT r.name FROM shop_status_asks k JOIN rosters r ON r.id = k.roster_id WHERE k.day = $1 ORDER BY r.id`,
      [today],
    );
    expect(asked.map((row) => row.name)).toEqual(['7号档 阿强水果', '9号档 老李干货']);
  });
});
