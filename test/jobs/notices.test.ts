import { Bot } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telegramOutboundChannel } from '../../src/bot/channels/telegram.ts';
import { cancelNotice, noticeSendJob, queueNoticeSend, recallNotice } from '../../src/jobs/notices.ts';
import { maxSendAttempts } from '../../src/bot/sender.ts';
import { noticeStatus } from '../../src/store/notice-status.ts';
import { createNotice, getNotice } from '../../src/store/notices.ts';
import { applySetup } from '../../src/store/setup.ts';
import { parseSetupFile } from '../../src/store/setup-file.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { FakeTelegram, tooManyRequests } from '../support/fake-telegram.ts';
import { testBotInfo } from '../support/recording-telegram.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';
import { until } from '../support/until.ts';

/** Notices on Telegram, from the store to the Bot API: at their time, once per chat, pinned, recalled. */
let linli: TestLinli;
const telegram = new FakeTelegram();
const groups = { building3: -1003, building1: -1001, market: -1009 };

beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
  await applySetup(
    linli.deps.db,
    linli.deps.cipher,
    parseSetupFile(
      `communities:
  - name: 幸福社区
    chats:
      - { platform: telegram, id: '${groups.building3}', kind: building, area: 保利紫山/3栋 }
      - { platform: telegram, id: '${groups.building1}', kind: building, area: 保利紫山/1栋 }
      - { platform: telegram, id: '${groups.market}', kind: market, area: 幸福市场 }
`,
      'telegram-groups.yaml',
    ),
  );
  // Only the Telegram groups are bound here: the demo's sandbox groups are let go.
  await linli.deps.db.query(`UPDATE chats SET area_id = NULL, bound_at = NULL WHERE platform = 'sandbox'`);
  const bot = new Bot('7000001:test-token', { botInfo: testBotInfo, client: { fetch: telegram.fetch as never } });
  linli.deps.channels.register(telegramOutboundChannel(bot.api));
}, 180_000);
afterAll(async () => {
  await linli?.close();
});

async function notice(scope: string, options: { body?: string; sendAt?: Date; pin?: boolean } = {}): Promise<number> {
  return createNotice(linli.deps.db, linli.deps.cipher, {
    communityId: (await linli.deps.db.query<{ id: number }>(`SELECT id FROM areas WHERE kind = 'community'`))[0]?.id ?? 0,
    body: options.body ?? '今晚8点小区停电检修。',
    scope,
    sendAt: options.sendAt ?? linli.deps.clock(),
    ackHours: 12,
    pin: options.pin ?? false,
    authorPersonId: null,
    authorStaffId: null,
  });
}

const copiesIn = (chat: number, id: number) => telegram.textsTo(chat).filter((text) => text.startsWith(`【社区通知 #${id}】`)).length;

async function settled(id: number): Promise<void> {
  await until(async () => {
    const status = await noticeStatus(linli.deps.db, id);
    return status.chats.length > 0 && status.pending === 0;
  }, 60_000);
}

describe('a notice on Telegram', () => {
  it('waits as a delayed job until its time, then reaches each chat in scope once', async () => {
    const sendAt = new Date(linli.deps.clock().getTime() + 3_600_000);
    const id = await notice('site:保利紫山', { sendAt });
    await queueNoticeSend(linli.deps.jobs, { id, sendAt }, linli.deps.clock());
    const delay = await linli.deps.jobs.delayOf('timers', `notice-send-${id}`);
    expect(delay).toBeGreaterThan(3_500_000);
    expect(delay).toBeLessThanOrEqual(3_600_000);
    expect((await getNotice(linli.deps.db, linli.deps.cipher, id))?.status).toBe('scheduled');
    expect(copiesIn(groups.building3, id)).toBe(0);

    await linli.deps.jobs.promote('timers', `notice-send-${id}`);
    await settled(id);
    expect(copiesIn(groups.building3, id)).toBe(1);
    expect(copiesIn(groups.building1, id)).toBe(1);
    expect(copiesIn(groups.market, id)).toBe(0);
    // A second job for the same notice (a restart, a retry) sends nothing more.
    await linli.deps.jobs.add('timers', noticeSendJob, { noticeId: id }, { jobId: `notice-send-${id}-again` });
    await until(async () => ((await linli.deps.jobs.counts('timers'))['waiting'] ?? 0) === 0);
    expect(copiesIn(groups.building3, id)).toBe(1);
  });

  it('is not sent once cancelled before its time', async () => {
    const sendAt = new Date(linli.deps.clock().getTime() + 3_600_000);
    const id = await notice('all', { sendAt });
    await queueNoticeSend(linli.deps.jobs, { id, sendAt }, linli.deps.clock());
    expect(await cancelNotice(linli.deps.db, id)).toBe('cancelled');
    await linli.deps.jobs.promote('timers', `notice-send-${id}`);
    await until(async () => (await linli.deps.jobs.delayOf('timers', `notice-send-${id}`)) === undefined || ((await linli.deps.jobs.counts('timers'))['waiting'] ?? 0) === 0);
    await until(async () => ((await linli.deps.jobs.counts('timers'))['active'] ?? 0) === 0);
    expect((await getNotice(linli.deps.db, linli.deps.cipher, id))?.status).toBe('cancelled');
    expect(copiesIn(groups.building3, id)).toBe(0);
    expect(await cancelNotice(linli.deps.db, id)).toBe('already-sent');
  });

  it('gets through a platform that answers 429 twice with one copy', async () => {
    const id = await notice('building:保利紫山/3栋');
    telegram.refuseNext('sendMessage', tooManyRequests);
    telegram.refuseNext('sendMessage', tooManyRequests);
    await queueNoticeSend(linli.deps.jobs, { id, sendAt: linli.deps.clock() }, linli.deps.clock());
    await settled(id);
    expect(copiesIn(groups.building3, id)).toBe(1);
    const refused = telegram.calls.filter((call) => call.method === 'sendMessage' && !call.ok);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect((await noticeStatus(linli.deps.db, id)).delivered).toBe(1);
  });

  it('waits out more "too many requests" than a send has attempts, and still arrives once', async () => {
    const id = await notice('building:保利紫山/3栋');
    for (let i = 0; i < maxSendAttempts + 2; i += 1) telegram.refuseNext('sendMessage', tooManyRequests);
    await queueNoticeSend(linli.deps.jobs, { id, sendAt: linli.deps.clock() }, linli.deps.clock());
    await settled(id);
    expect(copiesIn(groups.building3, id)).toBe(1);
    expect((await noticeStatus(linli.deps.db, id)).delivered).toBe(1);
  }, 60_000);

  it('is marked failed, with the reason, where Telegram refuses it for good', async () => {
    const id = await notice('building:保利紫山/3栋');
    telegram.refuseNext('sendMessage', { ok: false, error_code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' });
    await queueNoticeSend(linli.deps.jobs, { id, sendAt: linli.deps.clock() }, linli.deps.clock());
    await settled(id);
    const status = await noticeStatus(linli.deps.db, id);
    expect(status).toMatchObject({ delivered: 0, pending: 0, failed: 1 });
    expect(status.chats[0]?.reason).toContain('bot was kicked');
    expect(copiesIn(groups.building3, id)).toBe(0);
  });

  it('is pinned where asked, and says so where the bot may not pin', async () => {
    const id = await notice('site:保利紫山', { pin: true });
    telegram.refuseNext('pinChatMessage', { ok: false, error_code: 400, description: 'Bad Request: not enough rights to manage pinned messages in the chat' });
    await queueNoticeSend(linli.deps.jobs, { id, sendAt: linli.deps.clock() }, linli.deps.clock());
    await settled(id);
    const status = await noticeStatus(linli.deps.db, id);
    expect(status.delivered).toBe(2);
    expect(status.chats.map((chat) => chat.pinned).sort()).toEqual([false, true]);
  });

  it('is deleted when recalled, or corrected where Telegram will not delete it', async () => {
    const id = await notice('site:保利紫山');
    await queueNoticeSend(linli.deps.jobs, { id, sendAt: linli.deps.clock() }, linli.deps.clock());
    await settled(id);
    telegram.refuseNext('deleteMessage', { ok: false, error_code: 400, description: "Bad Request: message can't be deleted" });
    expect(await recallNotice(linli.deps, id)).toEqual({ kind: 'recalled', chats: 2 });
    await until(async () => (await noticeStatus(linli.deps.db, id)).chats.every((chat) => chat.recall !== 'pending'), 30_000);
    const status = await noticeStatus(linli.deps.db, id);
    expect(status.chats.map((chat) => chat.recall).sort()).toEqual(['corrected', 'deleted']);
    const corrections = [groups.building1, groups.building3].flatMap((chat) => telegram.textsTo(chat)).filter((text) => text.includes(`通知 #${id} 已撤回`));
    expect(corrections).toHaveLength(1);
    expect(telegram.calls.filter((call) => call.method === 'deleteMessage')).toHaveLength(2);
    expect((await getNotice(linli.deps.db, linli.deps.cipher, id))?.status).toBe('recalled');
    expect(await recallNotice(linli.deps, id)).toEqual({ kind: 'not-sent', status: 'recalled' });
  });

  it('does not reach a chat bound after it went out', async () => {
    const id = await notice('site:保利紫山');
    await queueNoticeSend(linli.deps.jobs, { id, sendAt: linli.deps.clock() }, linli.deps.clock());
    await settled(id);
    await applySetup(
      linli.deps.db,
      linli.deps.cipher,
      parseSetupFile(`communities:\n  - name: 幸福社区\n    chats:\n      - { platform: telegram, id: '-1005', kind: building, area: 保利紫山/5栋 }\n`, 'late.yaml'),
    );
    await linli.deps.jobs.add('timers', noticeSendJob, { noticeId: id }, { jobId: `notice-send-${id}-late` });
    await until(async () => ((await linli.deps.jobs.counts('timers'))['waiting'] ?? 0) === 0 && ((await linli.deps.jobs.counts('timers'))['active'] ?? 0) === 0);
    expect(copiesIn(-1005, id)).toBe(0);
    expect((await noticeStatus(linli.deps.db, id)).chats).toHaveLength(2);
  });
});
