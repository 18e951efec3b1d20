import path from 'node:path';
import ExcelJS from 'exceljs';
import { types, type payloads } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWechat, type RunningWechat } from '../../../src/bot/channels/wechat.ts';
import { waitUntilSettled } from '../../../src/bot/settle.ts';
import type { WechatConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { until } from '../../support/until.ts';

interface Said {
  to: string;
  text: string;
}

/** The mock puppet, with what the bot said. */
class RecordingPuppet extends PuppetMock {
  readonly said: Said[] = [];

  override async messageSendText(conversationId: string, text: string): Promise<void> {
    this.said.push({ to: conversationId, text });
    await super.messageSendText(conversationId, text);
  }
}

const config: WechatConfig = { puppet: 'wechaty-puppet-mock', token: undefined, sendGapMs: 50, sendJitterMs: 50, dailyCap: 500 };

let linli: TestLinli;
let wechat: RunningWechat;
let mocker: mock.Mocker;
let puppet: RecordingPuppet;
let botUser: mock.ContactMock;
let landlord: mock.ContactMock;
let neighbour: mock.ContactMock;
let room: mock.RoomMock;

let count = 0;

/** A file message from WeChat: the puppet keeps the file (a FileBox) under the message id. */
async function sendFile(from: mock.ContactMock, to: mock.ContactMock | mock.RoomMock, name: string, contents: Uint8Array): Promise<Said[]> {
  const id = `wxmsg-roster-file-${++count}`;
  mocker.cacheFileBoxPayload.set(id, { type: 1, name, base64: Buffer.from(contents).toString('base64'), md5: '', metadata: {} });
  const base = { id, talkerId: from.id, timestamp: Date.now(), type: types.Message.Attachment, filename: name };
  const payload: payloads.Message = to instanceof mock.RoomMock ? { ...base, roomId: to.id, mentionIdList: [] } : { ...base, listenerId: to.id };
  const before = puppet.said.length;
  mocker.MessageMock.create(payload);
  puppet.emit('message', { messageId: id });
  let inboundId: number | undefined;
  await until(async () => {
    const rows = await linli.deps.db.query<{ id: number }>(`SELECT id FROM inbound_messages WHERE platform = 'wechat' AND platform_message_id = $1`, [id]);
    inboundId = rows[0]?.id;
    return inboundId !== undefined;
  });
  expect(await waitUntilSettled(linli.deps.db, [inboundId ?? 0], { timeoutMs: 20_000 })).toBe(true);
  return puppet.said.slice(before);
}

async function tenantWorkbook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('租户');
  sheet.addRow(['序号', '姓名', '手机号', '身份证号', '房号']);
  sheet.addRow([1, '陈建华', '13812345678', '440603198503152015', '3-2-502']);
  sheet.addRow([2, '李秀英', '13925836147', '44060319920720302X', '3-2-503']);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
  mocker = new mock.Mocker();
  puppet = new RecordingPuppet({ mocker });
  const log = createLogger({ level: 'info', file: path.join(linli.config.dataDir, 'wechat.log') });
  wechat = await startWechat(linli.deps, config, log, { puppet, dataDir: linli.config.dataDir, print: () => undefined });
  botUser = mocker.createContact({ id: 'wxid_linli', name: '邻里小助手' });
  landlord = mocker.createContact({ id: 'wxid_landlord_zhou', name: '房东老周' });
  neighbour = mocker.createContact({ id: 'wxid_neighbour', name: '小李' });
  mocker.login(botUser);
  room = mocker.createRoom({ id: '30001@chatroom', topic: '长庚里租户群', memberIdList: [botUser.id, landlord.id, neighbour.id] });
  await until(() => wechat.bot.isLoggedIn);
});
afterAll(async () => {
  await wechat?.stop();
  await linli?.close();
});

describe('a roster file sent on WeChat', () => {
  it('answers an .xlsx sent privately with the masked list, read through the puppet', async () => {
    const said = await sendFile(landlord, botUser, '3栋租户.xlsx', await tenantWorkbook());
    expect(said).toHaveLength(1);
    expect(said[0]?.to).toBe(landlord.id);
    expect(said[0]?.text).toContain('收到名单，共 2 人');
    expect(said[0]?.text).toContain('1. 陈建华 4406**********2015 138****5678 3-2-502 ✅');
    expect(said[0]?.text).not.toMatch(/440603198503152015|13812345678/);
  });

  it('answers a list in the group with the summary only, and the list privately', async () => {
    const said = await sendFile(landlord, room, '租户名单.xlsx', await tenantWorkbook());
    expect(said.filter((line) => line.to === room.id).map((line) => line.text)).toEqual([
      '收到房东老周的名单，共2人，详细内容已私聊发给您，请在私聊里核对确认。',
    ]);
    expect(said.filter((line) => line.to === landlord.id).map((line) => line.text).join('\n')).toContain('2. 李秀英 4406**********302X');
  });

  it('says nothing of a neighbour’s document in the group, and tells the landlord privately what to send instead', async () => {
    expect(await sendFile(neighbour, room, '停水通知.pdf', new TextEncoder().encode('%PDF-1.4'))).toEqual([]);
    const said = await sendFile(landlord, botUser, '名单.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(said).toEqual([{ to: landlord.id, text: expect.stringContaining('「名单.xls」是旧版 Excel（.xls）') }]);
  });
});
