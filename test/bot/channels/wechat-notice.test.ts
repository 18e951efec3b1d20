import path from 'node:path';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWechat, wechatOutboundChannel, type RunningWechat, type WechatSender } from '../../../src/bot/channels/wechat.ts';
import type { WechatConfig } from '../../../src/config.ts';
import { queueNoticeSend, recallNotice } from '../../../src/jobs/notices.ts';
import { createLogger } from '../../../src/log.ts';
import { findCommunity } from '../../../src/store/areas.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { noticeStatus } from '../../../src/store/notice-status.ts';
import { createNotice } from '../../../src/store/notices.ts';
import { applySetup } from '../../../src/store/setup.ts';
import { parseSetupFile } from '../../../src/store/setup-file.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { until } from '../../support/until.ts';

/** The mock puppet, with what the bot said and which messages it recalled. */
class RecallingPuppet extends PuppetMock {
  readonly said: { to: string; text: string }[] = [];
  readonly recalled: string[] = [];


  override async messageSendText(conversationId: string, text: string): Promise<void> {
    this.said.push({ to: conversationId, text });
    await super.messageSendText(conversationId, text);
  }

  override async messageRecall(messageId: string): Promise<boolean> {
    this.recalled.push(messageId);
    return true;
  }
}

const config: WechatConfig = { puppet: 'wechaty-puppet-mock', token: undefined, sendGapMs: 0, sendJitterMs: 0, dailyCap: 500 };
const roomId = '40003@chatroom';
let linli: TestLinli;
let wechat: RunningWechat;
let puppet: RecallingPuppet;
let communityId = 0;

beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
  await linli.deps.db.query(`UPDATE chats SET area_id = NULL, bound_at = NULL WHERE platform = 'sandbox'`);
  await applySetup(
    linli.deps.db,
    linli.deps.cipher,
    parseSetupFile(`communities:\n  - name: 幸福社区\n    chats:\n      - { platform: wechat, id: '${roomId}', kind: building, area: 保利紫山/3栋 }\n`, 'wechat.yaml'),
  );
  communityId = (await findCommunity(linli.deps.db, '幸福社区'))?.id ?? 0;
  const mocker = new mock.Mocker();
  puppet = new RecallingPuppet({ mocker });
  const log = createLogger({ level: 'info', file: path.join(linli.config.dataDir, 'wechat.log') });
  wechat = await startWechat(linli.deps, config, log, { puppet, dataDir: linli.config.dataDir, print: () => undefined });
  const botUser = mocker.createContact({ id: 'wxid_linli', name: '邻里小助手' });
  const neighbour = mocker.createContact({ id: 'wxid_zhao', name: '赵敏' });
  mocker.login(botUser);
  mocker.createRoom({ id: roomId, topic: '保利紫山3栋业主群', memberIdList: [botUser.id, neighbour.id] });
  await until(() => wechat.bot.isLoggedIn);
}, 180_000);
afterAll(async () => {
  await wechat?.stop();
  await linli?.close();
});

async function sendNow(body: string): Promise<number> {
  const id = await createNotice(linli.deps.db, linli.deps.cipher, {
    communityId, body, scope: 'building:保利紫山/3栋', sendAt: linli.deps.clock(), ackHours: 12, pin: false, authorPersonId: null, authorStaffId: null,
  });
  await queueNoticeSend(linli.deps.jobs, { id, sendAt: linli.deps.clock() }, linli.deps.clock());
  await until(async () => (await noticeStatus(linli.deps.db, id)).delivered === 1, 30_000);
  return id;
}

const copies = (id: number) => puppet.said.filter((message) => message.to === roomId && message.text.startsWith(`【社区通知 #${id}】`)).length;

describe('a notice in a WeChat group', () => {
  it('is said once, through the process that holds the login', async () => {
    const id = await sendNow('本周六上午社区义诊。');
    expect(copies(id)).toBe(1);
    const queued = await linli.deps.db.query<{ platform: string }>('SELECT o.platform FROM deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE d.notice_id = $1', [id]);
    expect(queued).toEqual([{ platform: 'wechat' }]);
  });

  it('is recalled through the puppet where it can, and corrected where it cannot', async () => {
    // The channel itself: a recall the puppet makes is no message in the group.
    const sender = {
      isLoggedIn: true,
      Room: { find: async () => ({ say: async () => undefined }) },
      Contact: { find: async () => undefined },
      puppet: { messageRecall: async (id: string) => id === 'wx-msg-1' },
    } as unknown as WechatSender;
    const channel = wechatOutboundChannel(sender, { ...config, timeZone: 'Asia/Shanghai' });
    const recall = { outboxId: 1, platform: 'wechat', platformChatId: roomId, chatKind: 'building', toPlatformUserId: null, text: '【更正】' };
    expect(await channel.send({ ...recall, recallOf: 'wx-msg-1' }, linli.deps.db)).toEqual({ recalled: true });
    expect(await channel.send({ ...recall, recallOf: 'wx-msg-2' }, linli.deps.db)).toEqual({ recalled: false });

    const older = await sendNow('停水通知（有误）。');
    await linli.deps.db.query(
      `UPDATE outbox SET sent_at = now() - interval '5 minutes' WHERE id = (SELECT outbox_id FROM deliveries WHERE notice_id = $1)`,
      [older],
    );
    const recalledBefore = puppet.recalled.length;
    expect(await recallNotice(linli.deps, older)).toEqual({ kind: 'recalled', chats: 1 });
    await until(async () => (await noticeStatus(linli.deps.db, older)).chats[0]?.recall === 'corrected', 30_000);
    expect(puppet.said.filter((message) => message.text === `【更正】通知 #${older} 已撤回，请以之后的通知为准。`)).toHaveLength(1);
    expect(puppet.recalled.length).toBe(recalledBefore);
    expect((await noticeStatus(linli.deps.db, older)).chats[0]?.recall).toBe('corrected');
  });
});
