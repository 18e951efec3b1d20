import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestMessages } from '../../../src/reports/digest-messages.ts';
import { staffDigestReport } from '../../../src/reports/staff-digest.ts';
import { localDay } from '../../../src/time.ts';
import { ingest } from '../../../src/bot/ingest.ts';
import { sandboxInbound } from '../../../src/bot/channels/sandbox.ts';
import { telegramReactionInbound } from '../../../src/bot/channels/telegram.ts';
import { waitUntilSettled } from '../../../src/bot/settle.ts';
import { queueNoticeSend, remindNotice } from '../../../src/jobs/notices.ts';
import { findAreaByPath, findCommunity } from '../../../src/store/areas.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { noticeStatus } from '../../../src/store/notice-status.ts';
import { createNotice } from '../../../src/store/notices.ts';
import { applySetup } from '../../../src/store/setup.ts';
import { parseSetupFile } from '../../../src/store/setup-file.ts';
import { fakePlatform } from '../../support/fake-platform.ts';
import { say } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { until } from '../../support/until.ts';

/** Residents acknowledge a notice in their group: by a word, a reply or quote, a 👍; never answered. */
let linli: TestLinli;
const group = '保利紫山3栋业主群';
let communityId = 0;

beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
  communityId = (await findCommunity(linli.deps.db, '幸福社区'))?.id ?? 0;
}, 180_000);
afterAll(async () => {
  await linli?.close();
});

/** A resident who has spoken in the group and lives in a room below 保利紫山/3栋. */
async function resident(user: string, room: readonly string[] | null): Promise<number> {
  await say(linli, user, group, '大家好');
  const rows = await linli.deps.db.query<{ person_id: number }>(`SELECT person_id FROM accounts WHERE platform = 'sandbox' AND platform_user_id = $1`, [user]);
  const personId = rows[0]?.person_id ?? 0;
  if (room) {
    const building = await findAreaByPath(linli.deps.db, communityId, ['保利紫山', '3栋', ...room]);
    await linli.deps.db.query(`INSERT INTO occupancies (person_id, room_id, role) VALUES ($1, $2, 'tenant')`, [personId, building?.id]);
  }
  return personId;
}

async function sendNoticeNow(body: string): Promise<number> {
  const id = await createNotice(linli.deps.db, linli.deps.cipher, {
    communityId, body, scope: 'building:保利紫山/3栋', sendAt: linli.deps.clock(), ackHours: 12, pin: false, authorPersonId: null, authorStaffId: null,
  });
  await queueNoticeSend(linli.deps.jobs, { id, sendAt: linli.deps.clock() }, linli.deps.clock());
  await until(async () => (await noticeStatus(linli.deps.db, id)).delivered >= 1);
  return id;
}

async function acknowledged(noticeId: number): Promise<number[]> {
  const rows = await linli.deps.db.query<{ person_id: number }>('SELECT person_id FROM acknowledgements WHERE notice_id = $1 ORDER BY person_id', [noticeId]);
  return rows.map((row) => row.person_id);
}

async function routeOf(user: string, text: string, extra: { replyTo?: string; quoted?: string } = {}): Promise<{ route: string | null; replies: number }> {
  const result = await ingest(linli.deps, { ...sandboxInbound(user, group, text), ...extra });
  if (result.kind !== 'accepted') throw new Error(result.kind);
  await waitUntilSettled(linli.deps.db, [result.inboundId], { timeoutMs: 20_000 });
  const rows = await linli.deps.db.query<{ route: string | null }>('SELECT route FROM inbound_messages WHERE id = $1', [result.inboundId]);
  const replies = await linli.deps.db.query('SELECT 1 FROM outbox WHERE inbound_id = $1', [result.inboundId]);
  return { route: rows[0]?.route ?? null, replies: replies.length };
}

const platformMessageOf = async (noticeId: number) =>
  (await linli.deps.db.query<{ platform_message_id: string }>(
    'SELECT o.platform_message_id FROM deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE d.notice_id = $1',
    [noticeId],
  ))[0]?.platform_message_id ?? '';

describe('acknowledging a notice', () => {
  it('is ordinary chat where no notice came before', async () => {
    const person = await resident('早鸟', null);
    expect(await routeOf('早鸟', '收到')).toEqual({ route: 'ignore', replies: 0 });
    const rows = await linli.deps.db.query('SELECT 1 FROM acknowledgements WHERE person_id = $1', [person]);
    expect(rows).toHaveLength(0);
  });

  const words = ['收到', '已收到', '已读', '知道了', 'ok', 'OK!', '好的', '👌', '👍', '👍🏻', '1', '收到。', 'got it', 'noted', 'received', 'Okay'];
  it.each(words)('takes %s after a notice, and answers nothing', async (word) => {
    const id = await sendNoticeNow(`物业通知：${word} 测试`);
    const user = `住户-${word}`;
    const person = await resident(user, null);
    expect(await routeOf(user, word)).toEqual({ route: 'ack', replies: 0 });
    expect(await acknowledged(id)).toContain(person);
  });

  it('takes a reply to or a quote of the notice, whatever it says, and not a reply to something else', async () => {
    const first = await sendNoticeNow('周六上午消防演练，请大家配合。');
    const second = await sendNoticeNow('电梯周日保养，暂停使用。');
    const replier = await resident('回复者', null);
    // A reply names the notice it answers: the older one here, not the latest.
    expect(await routeOf('回复者', '几点开始？', { replyTo: await platformMessageOf(first) })).toEqual({ route: 'ack', replies: 0 });
    expect(await acknowledged(first)).toContain(replier);
    expect(await acknowledged(second)).not.toContain(replier);
    const quoter = await resident('引用者', null);
    expect(await routeOf('引用者', '明白', { quoted: '【社区通知 #' + second + '】 电梯周日保养…' })).toEqual({ route: 'ack', replies: 0 });
    expect(await acknowledged(second)).toContain(quoter);
    const other = await resident('旁人', null);
    expect((await routeOf('旁人', '收到', { replyTo: 'sandbox-999999' })).route).not.toBe('ack');
    expect(await acknowledged(second)).not.toContain(other);
  });

  it('counts a household once when one of its members acknowledged, and reminds the rooms that did not, by number only', async () => {
    const id = await sendNoticeNow('下周一起垃圾分类定时投放。');
    const husband = await resident('张先生', ['1单元', '101']);
    await resident('张太太', ['1单元', '101']);
    await resident('李四', ['1单元', '102']);
    await resident('王五', ['2单元', '201']);
    expect((await routeOf('张先生', '收到')).route).toBe('ack');
    const status = await noticeStatus(linli.deps.db, id);
    expect(status.chats[0]).toMatchObject({ households: 3, acknowledgedHouseholds: 1, persons: 4, acknowledgedPersons: 1 });
    expect(await acknowledged(id)).toEqual([husband]);

    expect(await remindNotice(linli.deps, { noticeId: id })).toBe(1);
    const reminders = async () =>
      (await linli.deps.db.query<{ text_enc: string }>(
        `SELECT t.text_enc FROM sandbox_transcript t JOIN chats c ON c.id = t.chat_id WHERE c.platform_chat_id = $1 ORDER BY t.id`,
        [group],
      ))
        .map((row) => linli.deps.cipher.decrypt(row.text_enc))
        .filter((text) => text.startsWith(`【通知 #${id} 提醒】`));
    await until(async () => (await reminders()).length === 1);
    const [reminder] = await reminders();
    expect(reminder).toContain('1单元102、2单元201');
    expect(reminder).not.toMatch(/1单元101|张|李|王/);
    // Once per group.
    expect(await remindNotice(linli.deps, { noticeId: id })).toBe(0);

    // The staff digest counts it, and its workbook has a sheet for it.
    const staff = await linli.deps.db.query<{ person_id: number }>(`SELECT person_id FROM staff ORDER BY id LIMIT 1`);
    const report = await staffDigestReport(linli.deps.db, linli.deps.cipher, {
      personId: staff[0]?.person_id ?? 0, day: localDay(new Date(), 'Asia/Shanghai'), timeZone: 'Asia/Shanghai', now: new Date(),
    });
    if (!report) throw new Error('李主任 is staff');
    const [digest] = await digestMessages(report, 'zh-CN', 'Asia/Shanghai', linli.deps.log);
    expect(digest?.text).toContain(`#${id} 下周一起垃圾分类定时投放。：1/3户已回复（33%）；最低：保利紫山3栋业主群 1/3`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(digest?.file.data ?? new Uint8Array()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(`通知#${id}`);
    expect(sheet?.getRow(2).values).toEqual([undefined, group, '保利紫山/3栋', '已送达', 3, 1, 4, 1, '1单元102、2单元201']);
  });

  it('takes a 👍 reaction on the notice in a Telegram group', async () => {
    const telegram = fakePlatform(linli, 'telegram');
    await applySetup(
      linli.deps.db,
      linli.deps.cipher,
      parseSetupFile(`communities:\n  - name: 幸福社区\n    chats:\n      - { platform: telegram, id: '-1003', kind: building, area: 保利紫山/3栋 }\n`, 'tg.yaml'),
    );
    const id = await sendNoticeNow('明早8点停水。');
    await until(async () => telegram.sent.length > 0);
    await linli.deps.db.query(
      `UPDATE outbox SET platform_message_id = '-1003:777' WHERE id = (SELECT d.outbox_id FROM deliveries d JOIN chats c ON c.id = d.chat_id WHERE d.notice_id = $1 AND c.platform = 'telegram')`,
      [id],
    );
    const reaction = (emoji: string, userId: number) =>
      telegramReactionInbound({
        chat: { id: -1003, type: 'supergroup', title: '3栋' },
        message_id: 777,
        user: { id: userId, is_bot: false, first_name: '赵' },
        date: Math.floor(Date.now() / 1000),
        old_reaction: [],
        new_reaction: [{ type: 'emoji', emoji }],
      });
    expect(reaction('❤', 42)).toBeUndefined();
    const thumb = reaction('👍', 42);
    if (!thumb) throw new Error('a 👍 is a message');
    const result = await ingest(linli.deps, thumb);
    if (result.kind !== 'accepted') throw new Error(result.kind);
    await waitUntilSettled(linli.deps.db, [result.inboundId], { timeoutMs: 20_000 });
    const rows = await linli.deps.db.query<{ via: string }>(
      `SELECT k.via FROM acknowledgements k JOIN accounts a ON a.person_id = k.person_id WHERE k.notice_id = $1 AND a.platform = 'telegram' AND a.platform_user_id = '42'`,
      [id],
    );
    expect(rows).toEqual([{ via: 'reaction' }]);
    expect(telegram.sent.filter((message) => message.platformChatId === '-1003')).toHaveLength(1);
  });
});
