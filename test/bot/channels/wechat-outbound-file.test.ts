import path from 'node:path';
import type { FileBoxInterface } from 'file-box';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWechat, wechatOutboundChannel, type RunningWechat } from '../../../src/bot/channels/wechat.ts';
import type { Outbound } from '../../../src/bot/message.ts';
import type { WechatConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

interface Sent {
  to: string;
  text?: string;
  file?: { name: string; data: Buffer };
}

/** The mock puppet, with what the bot said and which files it sent, in order. */
class RecordingPuppet extends PuppetMock {
  readonly sent: Sent[] = [];

  override async messageSendText(conversationId: string, text: string): Promise<void> {
    this.sent.push({ to: conversationId, text });
    await super.messageSendText(conversationId, text);
  }

  override async messageSendFile(conversationId: string, file: FileBoxInterface): Promise<void> {
    this.sent.push({ to: conversationId, file: { name: file.name, data: await file.toBuffer() } });
  }
}

const config: WechatConfig = { puppet: 'wechaty-puppet-mock', token: undefined, sendGapMs: 0, sendJitterMs: 0, dailyCap: 500 };

let linli: TestLinli;
let wechat: RunningWechat;
let puppet: RecordingPuppet;
let staff: mock.ContactMock;
let room: mock.RoomMock;

beforeAll(async () => {
  linli = await startTestLinli();
  const mocker = new mock.Mocker();
  puppet = new RecordingPuppet({ mocker });
  const log = createLogger({ level: 'info', file: path.join(linli.config.dataDir, 'wechat.log') });
  wechat = await startWechat(linli.deps, config, log, { puppet, dataDir: linli.config.dataDir, print: () => undefined });
  const botUser = mocker.createContact({ id: 'wxid_linli', name: '邻里小助手' });
  staff = mocker.createContact({ id: 'wxid_staff_li', name: '李主任' });
  mocker.login(botUser);
  room = mocker.createRoom({ id: '40001@chatroom', topic: '社区工作群', memberIdList: [botUser.id, staff.id] });
  const deadline = Date.now() + 20_000;
  while (!wechat.bot.isLoggedIn && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
});
afterAll(async () => {
  await wechat?.stop();
  await linli?.close();
});

const workbook = new Uint8Array(Buffer.from('PK\u0003\u0004 the day in numbers', 'latin1'));
const outbound = (platformChatId: string, chatKind: string): Outbound => ({
  outboxId: 1, platform: 'wechat', platformChatId, chatKind, toPlatformUserId: null, text: '今日简报见附件',
  file: { name: '简报.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: workbook },
});

describe('files sent on WeChat', () => {
  it('says the text, then sends the file through FileBox, to a person and to a room', async () => {
    const channel = wechatOutboundChannel(wechat.bot, { ...config, timeZone: 'Asia/Shanghai', account: 'file-test' });
    await channel.send(outbound(staff.id, 'private'), linli.deps.db);
    await channel.send(outbound(room.id, 'group'), linli.deps.db);
    expect(puppet.sent).toEqual([
      { to: staff.id, text: '今日简报见附件' },
      { to: staff.id, file: { name: '简报.xlsx', data: Buffer.from(workbook) } },
      { to: room.id, text: '今日简报见附件' },
      { to: room.id, file: { name: '简报.xlsx', data: Buffer.from(workbook) } },
    ]);
  });
});
