import fs from 'node:fs';
import path from 'node:path';
import { types, type Message, type payloads } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTranscript } from '../../../src/bot/channels/sandbox.ts';
import { DeliveryError } from '../../../src/bot/channels/channel.ts';
import {
  dailySends,
  defaultWechatSendSettings,
  handoffCodesIn,
  readWechatFile,
  startWechat,
  untilNextMidnight,
  wechatFriendHello,
  wechatChannelElsewhere,
  wechatInbound,
  wechatOutboundChannel,
  wechatPacing,
  type RunningWechat,
} from '../../../src/bot/channels/wechat.ts';
import type { Inbound, Outbound } from '../../../src/bot/message.ts';
import { waitUntilSettled } from '../../../src/bot/settle.ts';
import { loadConfig, type WechatConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';
import { findAccount, findOrCreateAccount, getAccount } from '../../../src/store/accounts.ts';
import { findAreaByPath, findCommunity } from '../../../src/store/areas.ts';
import { bindCodeAlphabet, createBindCode } from '../../../src/store/bind-codes.ts';
import { findChat } from '../../../src/store/chats.ts';
import { createHandoffCode, redeemHandoffCode } from '../../../src/store/handoff-codes.ts';
import { applySetup } from '../../../src/store/setup.ts';
import { parseSetupFile } from '../../../src/store/setup-file.ts';
import { relinkWechatAccount } from '../../../src/store/wechat-accounts.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { until } from '../../support/until.ts';

const community = `
communities:
  - name: 幸福社区
    sites:
      - name: 保利紫山
        kind: compound
        buildings: [{ name: 3栋 }]
    staff:
      - { name: 李主任, role: committee, scope: 幸福社区, accounts: [{ platform: sandbox, id: 李主任 }] }
      - { name: 张楼长, role: building_leader, scope: 保利紫山/3栋, accounts: [{ platform: wechat, id: wxid_zhang }] }
`;

interface Said {
  to: string;
  text: string;
  mentions: string[];
}

/** The mock puppet, with what the bot said (and whom it @mentioned) and which requests it accepted. */
class RecordingPuppet extends PuppetMock {
  readonly said: Said[] = [];
  readonly accepted: string[] = [];
  readonly failSendsTo = new Set<string>();

  override async messageSendText(conversationId: string, text: string, mentionIdList: string[] = []): Promise<void> {
    if (this.failSendsTo.has(conversationId)) throw new Error('connection reset while sending');
    this.said.push({ to: conversationId, text, mentions: mentionIdList });
    await super.messageSendText(conversationId, text);
  }

  override async friendshipAccept(friendshipId: string): Promise<void> {
    this.accepted.push(friendshipId);
    await super.friendshipAccept(friendshipId);
  }
}

const sendSettings = { sendGapMs: 150, sendJitterMs: 100, dailyCap: 500 };
const config: WechatConfig = { puppet: 'wechaty-puppet-mock', token: undefined, ...sendSettings };

let linli: TestLinli;
let wechat: RunningWechat;
let mocker: mock.Mocker;
let puppet: RecordingPuppet;
const printed: string[] = [];
/** What the real Wechaty hands the adapter, translated, by message id. */
const translated = new Map<string, Inbound | undefined>();

let botUser: mock.ContactMock;
let wang: mock.ContactMock;
let li: mock.ContactMock;
let zhang: mock.ContactMock;
let zhao: mock.ContactMock;
let sun: mock.ContactMock;
let zhou: mock.ContactMock;
let qin: mock.ContactMock;
let tenantsRoom: mock.RoomMock;
let buildingRoom: mock.RoomMock;

let messageCount = 0;
type Payload = payloads.Message;

/**
 * A message arriving from WeChat, as the mock's contact.say().to() makes one, but with a known id.
 * In a room the puppet lists the mentions, unless `listMentions` is false: then Wechaty reads them from the text.
 */
function arrive(from: mock.ContactMock, to: mock.ContactMock | mock.RoomMock, extra: Partial<Payload>, listMentions = true): string {
  const id = extra.id ?? `wxmsg-${++messageCount}`;
  const base = { talkerId: from.id, timestamp: Date.now(), type: types.Message.Text, ...extra, id };
  const payload: Payload =
    to instanceof mock.RoomMock ? { roomId: to.id, ...(listMentions ? { mentionIdList: [] } : {}), ...base } : { listenerId: to.id, ...base };
  mocker.MessageMock.create(payload);
  puppet.emit('message', { messageId: id });
  return id;
}

async function storedInbound(messageId: string): Promise<number> {
  let id: number | undefined;
  await until(async () => {
    const rows = await linli.deps.db.query<{ id: number }>(
      `SELECT id FROM inbound_messages WHERE platform = 'wechat' AND platform_message_id = $1`,
      [messageId],
    );
    id = rows[0]?.id;
    return id !== undefined;
  });
  if (id === undefined) throw new Error('not stored');
  expect(await waitUntilSettled(linli.deps.db, [id], { timeoutMs: 20_000 })).toBe(true);
  return id;
}

/** Someone writes; what the bot says back (to anyone) once the message is handled and its replies sent. */
async function say(from: mock.ContactMock, to: mock.ContactMock | mock.RoomMock, text: string, mentions: mock.ContactMock[] = []): Promise<Said[]> {
  await outboxIdle();
  const before = puppet.said.length;
  await storedInbound(arrive(from, to, { text, ...(to instanceof mock.RoomMock ? { mentionIdList: mentions.map((c) => c.id) } : {}) }));
  return puppet.said.slice(before);
}

/** Replies to earlier messages are still being paced out; a new exchange starts when they are out. */
async function outboxIdle(): Promise<void> {
  await until(async () => {
    const open = await linli.deps.db.query(`SELECT 1 FROM outbox WHERE status IN ('pending', 'sending') LIMIT 1`);
    return open.length === 0;
  });
}

async function translatedFor(messageId: string): Promise<Inbound | undefined> {
  await until(() => translated.has(messageId));
  return translated.get(messageId);
}

const toWang = (text = '测试'): Outbound => ({
  outboxId: 0, platform: 'wechat', platformChatId: wang.id, chatKind: 'private', toPlatformUserId: wang.id, text,
});

async function accountId(userId: string): Promise<number> {
  const account = await findAccount(linli.deps.db, 'wechat', userId);
  if (!account) throw new Error(`no account ${userId}`);
  return account.accountId;
}

beforeAll(async () => {
  linli = await startTestLinli();
  await applySetup(linli.deps.db, linli.deps.cipher, parseSetupFile(community, 'community.yaml'));
  mocker = new mock.Mocker();
  puppet = new RecordingPuppet({ mocker });
  const log = createLogger({ level: 'info', file: path.join(linli.config.dataDir, 'wechat.log') });
  wechat = await startWechat(linli.deps, config, log, { puppet, dataDir: linli.config.dataDir, print: (text) => printed.push(text) });
  wechat.bot.on('message', (message: Message) => {
    void wechatInbound(message, botUser.id).then((inbound) => translated.set(message.id, inbound));
  });

  mocker.scan('https://login.weixin.qq.com/l/linli-test', types.ScanStatus.Waiting);
  botUser = mocker.createContact({ id: 'wxid_linli', name: '邻里小助手' });
  wang = mocker.createContact({ id: 'wxid_wang', name: '王芳' });
  li = mocker.createContact({ id: 'wxid_li', name: '李雷' });
  zhang = mocker.createContact({ id: 'wxid_zhang', name: '张楼长' });
  zhao = mocker.createContact({ id: 'wxid_zhao', name: '赵敏' });
  sun = mocker.createContact({ id: 'wxid_sun', name: '孙丽' });
  zhou = mocker.createContact({ id: 'wxid_zhou', name: '周敏' });
  qin = mocker.createContact({ id: 'wxid_qin', name: '秦岚' });
  mocker.login(botUser);
  const members = [botUser.id, wang.id, li.id, zhang.id, sun.id, zhou.id];
  tenantsRoom = mocker.createRoom({ id: '20001@chatroom', topic: '长庚里租户群', memberIdList: [...members] });
  buildingRoom = mocker.createRoom({ id: '20002@chatroom', topic: '保利紫山3栋业主群', memberIdList: [...members] });
  await until(() => wechat.bot.isLoggedIn);
});
afterAll(async () => {
  await wechat?.stop();
  await linli?.close();
});

describe('logging in', () => {
  it('draws the login code in the terminal and saves it as a picture in the data folder', async () => {
    const file = path.join(linli.config.dataDir, 'wechat-login.png');
    await until(() => printed.length > 0 && fs.existsSync(file));
    expect(printed[0]).toMatch(/[█▀▄]/u);
    expect(fs.readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('WeChat messages as Linli reads them', () => {
  it('translates a private message', async () => {
    const id = arrive(wang, botUser, { text: '在吗' });
    expect(await translatedFor(id)).toEqual({
      platform: 'wechat', chatId: 'wxid_wang', chatKind: 'private', chatTitle: null, senderId: 'wxid_wang', senderName: '王芳',
      text: '在吗', mentionsBot: false, files: [], messageId: id, at: expect.any(Date),
    });
  });

  it('turns an @mention of the bot into a flag, from the mention list or from the text alone', async () => {
    const listed = arrive(wang, tenantsRoom, { text: '@邻里小助手\u2005帮助', mentionIdList: [botUser.id] });
    expect(await translatedFor(listed)).toMatchObject({
      chatId: tenantsRoom.id, chatKind: 'group', chatTitle: '长庚里租户群', text: '帮助', mentionsBot: true,
    });
    // No mention list: Wechaty reads "@name\u2005" in the text against the room's members.
    const unlisted = arrive(wang, tenantsRoom, { text: '@邻里小助手\u2005登记' }, false);
    expect(await translatedFor(unlisted)).toMatchObject({ text: '登记', mentionsBot: true });
    const other = arrive(wang, tenantsRoom, { text: '@李雷\u2005在吗', mentionIdList: [li.id] });
    expect(await translatedFor(other)).toMatchObject({ text: '@李雷\u2005在吗', mentionsBot: false });
  });

  it('hands on a file by its message id, and the file can be read later', async () => {
    const contents = Buffer.from('PK fake workbook');
    const id = `wxmsg-file-${++messageCount}`;
    mocker.cacheFileBoxPayload.set(id, { type: 1, name: '租户名单.xlsx', base64: contents.toString('base64'), md5: '', metadata: {} });
    arrive(wang, tenantsRoom, { id, type: types.Message.Attachment, filename: '租户名单.xlsx' });
    await storedInbound(id);
    expect(await translatedFor(id)).toMatchObject({
      chatId: tenantsRoom.id, text: '', mentionsBot: false,
      files: [{ name: '租户名单.xlsx', ref: id }],
    });
    expect((await readWechatFile(wechat.bot, id)).equals(contents)).toBe(true);
    const stored = await linli.deps.db.query<{ files: unknown }>(`SELECT files FROM inbound_messages WHERE platform_message_id = $1`, [id]);
    expect(stored[0]?.files).toMatchObject([{ name: '租户名单.xlsx', ref: id }]);

    const pdf = `wxmsg-file-${++messageCount}`;
    mocker.cacheFileBoxPayload.set(pdf, { type: 1, name: '通知.pdf', base64: 'JVBERi0=', md5: '', metadata: {} });
    arrive(wang, tenantsRoom, { id: pdf, type: types.Message.Attachment });
    // Any file is handed on; the handlers answer only what is for them (a roster in a spreadsheet).
    expect(await translatedFor(pdf)).toMatchObject({ text: '', files: [{ name: '通知.pdf', ref: pdf }] });
  });

  it('leaves out the bot’s own messages and pictures', async () => {
    expect(await translatedFor(arrive(botUser, tenantsRoom, { text: '大家好' }))).toBeUndefined();
    expect(await translatedFor(arrive(wang, tenantsRoom, { type: types.Message.Image }))).toBeUndefined();
  });
});

describe('the WeChat channel in a running Linli', () => {
  it('answers 你好 in a private chat with exactly one message: the help, said to that person', async () => {
    const replies = await say(li, botUser, '你好');
    expect(replies).toEqual([{ to: li.id, text: expect.stringContaining('您好，我是邻里小助手'), mentions: [] }]);
  });

  it('@mentions the person it answers in a group, for real', async () => {
    const replies = await say(wang, tenantsRoom, '@邻里小助手\u2005帮助', [botUser]);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ to: tenantsRoom.id, mentions: [wang.id] });
    expect(replies[0]?.text).toMatch(/^@王芳 您好，我是邻里小助手/);
    expect(await say(wang, tenantsRoom, '今天停水吗')).toEqual([]);
  });

  it('hands 登记 in an unbound group over to a private chat, opened by a friend request with the code', async () => {
    const invitation = await say(sun, tenantsRoom, '登记');
    expect(invitation.map((said) => said.to)).toEqual([tenantsRoom.id]);
    expect(invitation[0]?.text).toContain('孙丽');
    expect(invitation[0]?.text).not.toMatch(/回复「同意」|真实姓名|身份证号码|手机号码/);

    // The lead puts this code in the invitation; the resident types it into the friend request.
    const code = await createHandoffCode(linli.deps.db, await accountId(sun.id));
    const before = puppet.said.length;
    await puppet.friendshipPayload('fr-sun', {
      id: 'fr-sun', contactId: sun.id, hello: wechatFriendHello(code), timestamp: Date.now(), type: types.Friendship.Receive, ticket: 't',
    });
    puppet.emit('friendship', { friendshipId: 'fr-sun' });
    await storedInbound('friendship:fr-sun');
    expect(puppet.accepted).toEqual(['fr-sun']);
    expect(await findChat(linli.deps.db, 'wechat', sun.id)).toMatchObject({ kind: 'private' });
    const resumed = puppet.said.slice(before);
    expect(resumed.map((said) => said.to)).toEqual([sun.id, sun.id]);
    expect(resumed.map((said) => said.text).join('\n')).toMatch(/接着来[\s\S]*回复「同意」开始登记/);

    const next = await say(sun, botUser, '同意');
    expect(next).toEqual([{ to: sun.id, text: expect.stringContaining('真实姓名'), mentions: [] }]);
    // The code is used up.
    expect(await redeemHandoffCode(linli.deps.db, code)).toBeUndefined();
  });

  it('binds a group with a code from staff, and a resident of the bound group lands in the community’s form', async () => {
    const root = await findCommunity(linli.deps.db, '幸福社区');
    const area = root && (await findAreaByPath(linli.deps.db, root.id, ['保利紫山', '3栋']));
    if (!area) throw new Error('no 3栋');
    const bindCode = await createBindCode(linli.deps.db, { areaId: area.id, chatKind: 'building', createdBy: null });
    expect(await say(zhang, buildingRoom, `/bind ${bindCode.code}`)).toEqual([
      { to: buildingRoom.id, text: '本群已绑定：幸福社区 / 保利紫山 / 3栋（楼栋群）。', mentions: [] },
    ]);

    const invitation = await say(zhou, buildingRoom, '登记');
    expect(invitation.map((said) => said.to)).toEqual([buildingRoom.id]);
    expect(invitation[0]?.text).not.toMatch(/回复「同意」|真实姓名|身份证号码|手机号码/);

    // The invitation is read by the whole group: a friend request with the code from another id
    // gets a form of its own and takes nothing over. (A resident whose id changed since is such a
    // case too: the fresh form joins their records by ID number on submitting.)
    const code = await createHandoffCode(linli.deps.db, await accountId(zhou.id));
    const other = mocker.createContact({ id: 'wxid_zhou_after_relogin', name: '周敏' });
    let before = puppet.said.length;
    await puppet.friendshipPayload('fr-other', {
      id: 'fr-other', contactId: other.id, hello: `我是3栋的 ${code.toLowerCase()}`, timestamp: Date.now(), type: types.Friendship.Receive, ticket: 't',
    });
    puppet.emit('friendship', { friendshipId: 'fr-other' });
    await storedInbound('friendship:fr-other');
    expect(puppet.accepted).toContain('fr-other');
    const fresh = puppet.said.slice(before);
    expect(fresh.map((said) => said.to)).toEqual([other.id]);
    expect(fresh[0]?.text).toContain('回复「同意」开始登记');
    expect(await accountId(other.id)).not.toBe(await accountId(zhou.id));

    before = puppet.said.length;
    await puppet.friendshipPayload('fr-zhou', {
      id: 'fr-zhou', contactId: zhou.id, hello: `我是3栋的周敏 ${code.toLowerCase()}`, timestamp: Date.now(), type: types.Friendship.Receive, ticket: 't',
    });
    puppet.emit('friendship', { friendshipId: 'fr-zhou' });
    await storedInbound('friendship:fr-zhou');
    const resumed = puppet.said.slice(before);
    expect(resumed.map((said) => said.to)).toEqual([zhou.id, zhou.id]);
    expect(resumed.map((said) => said.text).join('\n')).toMatch(/接着来[\s\S]*幸福社区居委会需要登记/);
    expect(await say(zhou, botUser, '同意')).toEqual([{ to: zhou.id, text: expect.stringContaining('真实姓名'), mentions: [] }]);
  });

  it('leaves a friend request without a valid code for a person to answer', async () => {
    await puppet.friendshipPayload('fr-zhao', {
      id: 'fr-zhao', contactId: zhao.id, hello: '我是赵敏 ABCDEF', timestamp: Date.now(), type: types.Friendship.Receive, ticket: 't',
    });
    puppet.emit('friendship', { friendshipId: 'fr-zhao' });
    // Ordered with zhao's private messages: once this one is answered, so was the request.
    expect(await say(zhao, botUser, '帮助')).toEqual([{ to: zhao.id, text: expect.stringContaining('您好'), mentions: [] }]);
    expect(puppet.accepted).not.toContain('fr-zhao');
  });

  it('greets a newcomer in the group once, through the outbox', async () => {
    const newcomer = mocker.createContact({ id: 'wxid_new', name: '周杰' });
    await outboxIdle();
    const before = puppet.said.length;
    tenantsRoom.add(newcomer).by(wang);
    await until(() => puppet.said.length > before);
    puppet.emit('room-join', { inviteeIdList: [newcomer.id], inviterId: wang.id, roomId: tenantsRoom.id, timestamp: Date.now() });
    // Joins and messages of a group are taken in order: once this chatter is handled, so is the second join.
    await say(wang, tenantsRoom, '欢迎欢迎');
    const greetings = puppet.said.slice(before).filter((said) => said.text.includes('欢迎入群'));
    expect(greetings).toEqual([{ to: tenantsRoom.id, text: expect.stringMatching(/^@周杰 欢迎入群！[\s\S]*「登记」/), mentions: [newcomer.id] }]);
    const chat = await findChat(linli.deps.db, 'wechat', tenantsRoom.id);
    const queued = await linli.deps.db.query(`SELECT 1 FROM outbox WHERE chat_id = $1 AND inbound_id IS NULL`, [chat?.id]);
    expect(queued).toHaveLength(1);
  });

  it('spaces two replies to one account by at least the gap (outbox slots)', async () => {
    const first = arrive(qin, botUser, { text: '帮助' });
    const second = arrive(qin, botUser, { text: '/help' });
    const ids = [await storedInbound(first), await storedInbound(second)];
    const rows = await linli.deps.db.query<{ not_before: Date }>(
      'SELECT not_before FROM outbox WHERE inbound_id = ANY($1::bigint[]) ORDER BY not_before',
      [ids],
    );
    expect(rows).toHaveLength(2);
    const [a, b] = rows.map((row) => row.not_before.getTime());
    expect((b ?? 0) - (a ?? 0)).toBeGreaterThanOrEqual(sendSettings.sendGapMs);
  });

  it('is not crashed by the errors the puppet reports', async () => {
    puppet.emit('error', { gerror: 'spurious error from the mock' });
    puppet.emit('error', { data: 'another one' });
    expect(await wechat.bot.Room.find({ id: 'nowhere@chatroom' })).toBeUndefined();
    expect(await say(qin, botUser, '帮助')).toHaveLength(1);
  });
});

describe('sending to WeChat', () => {
  const lateEvening = new Date('2026-03-05T15:30:00Z'); // 23:30 in Shanghai
  it('paces one message every 2-4 s by default, from the settings', () => {
    expect(wechatPacing(defaultWechatSendSettings)).toEqual({ perChatGapMs: 2000, platformGapMs: 2000, jitterMs: 2000 });
    expect(loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-service' }).wechaty).toMatchObject({ sendGapMs: 2000, sendJitterMs: 2000, dailyCap: 500 });
    const tuned = loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_SEND_GAP_MS: '3000', WECHATY_SEND_JITTER_MS: '0', WECHATY_DAILY_CAP: '200' });
    expect(tuned.wechaty).toMatchObject({ sendGapMs: 3000, sendJitterMs: 0, dailyCap: 200 });
    expect(loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_SEND_GAP_MS: '' }).wechaty?.sendGapMs).toBe(2000);
    expect(() => loadConfig({ WECHATY_DAILY_CAP: '0' })).toThrow(/WECHATY_DAILY_CAP/);
  });

  it('stops at the daily cap until midnight of the community, also after a restart', async () => {
    const options = { ...sendSettings, sendGapMs: 0, dailyCap: 2, timeZone: 'Asia/Shanghai', account: 'cap-test', clock: () => lateEvening };
    const channel = wechatOutboundChannel(wechat.bot, options);
    await channel.send(toWang(), linli.deps.db);
    await channel.send(toWang(), linli.deps.db);
    const refused = await channel.send(toWang(), linli.deps.db).then(() => undefined, (error: unknown) => error);
    expect(refused).toBeInstanceOf(DeliveryError);
    expect(refused).toMatchObject({ delivered: 'no', retryAfterMs: 30 * 60_000 });
    expect(untilNextMidnight(lateEvening, 'Asia/Shanghai')).toBe(30 * 60_000);
    const restarted = wechatOutboundChannel(wechat.bot, options);
    await expect(restarted.send(toWang(), linli.deps.db)).rejects.toMatchObject({ delivered: 'no' });
    expect(await dailySends(linli.deps.db, 'cap-test', '2026-03-05')).toBe(2);
    const nextDay = wechatOutboundChannel(wechat.bot, { ...options, clock: () => new Date('2026-03-05T16:00:00Z') });
    await nextDay.send(toWang(), linli.deps.db);
    expect(await dailySends(linli.deps.db, 'cap-test', '2026-03-06')).toBe(1);
  });

  it('says a person or group it does not know is a permanent failure, and counts nothing', async () => {
    const options = { ...sendSettings, sendGapMs: 0, timeZone: 'Asia/Shanghai', account: 'unknown-test', clock: () => lateEvening };
    const channel = wechatOutboundChannel(wechat.bot, options);
    await expect(channel.send({ ...toWang(), platformChatId: 'wxid_gone' }, linli.deps.db)).rejects.toMatchObject({
      delivered: 'no',
      message: expect.stringMatching(/^permanent: /),
    });
    await expect(channel.send({ ...toWang(), platformChatId: 'gone@chatroom', chatKind: 'building' }, linli.deps.db)).rejects.toMatchObject({ delivered: 'no' });
    expect(await dailySends(linli.deps.db, 'unknown-test', '2026-03-05')).toBe(0);
  });

  it('takes a failure once the message went to WeChat as maybe delivered', async () => {
    const channel = wechatOutboundChannel(wechat.bot, { ...sendSettings, sendGapMs: 0, timeZone: 'Asia/Shanghai', account: 'maybe-test' });
    puppet.failSendsTo.add(wang.id);
    try {
      await expect(channel.send(toWang(), linli.deps.db)).rejects.toMatchObject({ delivered: 'maybe' });
    } finally {
      puppet.failSendsTo.delete(wang.id);
    }
  });

  it('lets a process without the login pace like WeChat and hand sends back to the queue', async () => {
    const elsewhere = wechatChannelElsewhere(defaultWechatSendSettings);
    expect(elsewhere.pacing).toEqual(wechatPacing(defaultWechatSendSettings));
    await expect(elsewhere.send(toWang(), linli.deps.db)).rejects.toMatchObject({ delivered: 'no', retryAfterMs: 2000 });
  });
});

describe('hand-off codes', () => {
  it('are six letters and digits that cannot be misread, reused while open, and good once', async () => {
    const account = await accountId(zhao.id);
    const code = await createHandoffCode(linli.deps.db, account);
    expect(code).toMatch(new RegExp(`^[${bindCodeAlphabet}]{6}$`));
    expect(code).not.toMatch(/[01OI]/);
    expect(await createHandoffCode(linli.deps.db, account)).toBe(code);
    expect(handoffCodesIn(`登记${code.toLowerCase()}，谢谢`)).toEqual([code]);
    expect(handoffCodesIn('我是赵敏')).toEqual([]);
    expect(await redeemHandoffCode(linli.deps.db, code.toLowerCase())).toEqual({ accountId: account });
    expect(await redeemHandoffCode(linli.deps.db, code)).toBeUndefined();
    const old = await createHandoffCode(linli.deps.db, account, { now: new Date(Date.now() - 4 * 86_400_000) });
    expect(await redeemHandoffCode(linli.deps.db, old)).toBeUndefined();
  });
});

describe('relinking a WeChat account whose id changed', () => {
  const newAccount = (userId: string) => findOrCreateAccount(linli.deps.db, linli.deps.cipher, { platform: 'wechat', platformUserId: userId, displayName: userId });
  const relink = (oldId: string, newId: string) => linli.deps.db.transaction((tx) => relinkWechatAccount(tx, oldId, newId));
  const personExists = async (personId: number) => (await linli.deps.db.query('SELECT 1 FROM persons WHERE id = $1', [personId])).length > 0;
  const openSession = (accountId: number, updatedAt: Date) =>
    linli.deps.db.query<{ id: number }>(
      `INSERT INTO dialog_sessions (account_id, form_id, form_version, state_enc, updated_at, expires_at)
       VALUES ($1, 'registration', 1, 'x', $2, now() + interval '1 day') RETURNING id`,
      [accountId, updatedAt],
    );

  it('moves the account, with its private chat, to a new id that has no history', async () => {
    const old = await newAccount('wxid_sun_1');
    await linli.deps.db.query(`INSERT INTO chats (platform, platform_chat_id, kind) VALUES ('wechat', 'wxid_sun_1', 'private')`);
    expect(await relink('wxid_sun_1', 'wxid_sun_2')).toEqual({ kind: 'moved', accountId: old.accountId });
    expect((await findAccount(linli.deps.db, 'wechat', 'wxid_sun_2'))?.accountId).toBe(old.accountId);
    expect(await findChat(linli.deps.db, 'wechat', 'wxid_sun_2')).toMatchObject({ kind: 'private' });
    expect(await findChat(linli.deps.db, 'wechat', 'wxid_sun_1')).toBeUndefined();

    const empty = await newAccount('wxid_sun_3');
    expect(await relink('wxid_sun_2', 'wxid_sun_3')).toEqual({ kind: 'moved', accountId: old.accountId });
    expect(await personExists(empty.personId)).toBe(false);
    expect(await relink('wxid_nobody', 'wxid_sun_4')).toEqual({ kind: 'unknown' });
  });

  it('merges what the new id did into the old account and its person', async () => {
    const old = await newAccount('wxid_qian_1');
    const fresh = await newAccount('wxid_qian_2');
    await linli.deps.db.query(`UPDATE persons SET name = '钱进' WHERE id = $1`, [fresh.personId]);
    const room = await linli.deps.db.query<{ id: number }>(
      `INSERT INTO chats (platform, platform_chat_id, kind) VALUES ('wechat', 'qian@chatroom', 'group') RETURNING id`,
    );
    for (const account of [old, fresh]) {
      await linli.deps.db.query('INSERT INTO wechat_greetings (chat_id, account_id) VALUES ($1, $2)', [room[0]?.id, account.accountId]);
    }
    await openSession(old.accountId, new Date(Date.now() - 3_600_000));
    const [latest] = await openSession(fresh.accountId, new Date());
    await linli.deps.db.query(`INSERT INTO help_requests (person_id, account_id, topic) VALUES ($1, $2, 'registration:name')`, [
      fresh.personId,
      fresh.accountId,
    ]);
    const code = await createHandoffCode(linli.deps.db, fresh.accountId);

    expect(await relink('wxid_qian_1', 'wxid_qian_2')).toEqual({ kind: 'merged', accountId: old.accountId, personMerged: true });
    const merged = await getAccount(linli.deps.db, old.accountId);
    expect(merged).toMatchObject({ platformUserId: 'wxid_qian_2', personId: old.personId });
    expect(await personExists(fresh.personId)).toBe(false);
    const person = await linli.deps.db.query<{ name: string }>('SELECT name FROM persons WHERE id = $1', [old.personId]);
    expect(person[0]?.name).toBe('钱进');
    const greetings = await linli.deps.db.query('SELECT account_id FROM wechat_greetings WHERE chat_id = $1', [room[0]?.id]);
    expect(greetings).toEqual([{ account_id: old.accountId }]);
    const sessions = await linli.deps.db.query<{ id: number }>(
      `SELECT id FROM dialog_sessions WHERE account_id = $1 AND status = 'active'`,
      [old.accountId],
    );
    expect(sessions).toEqual([{ id: latest?.id }]);
    const help = await linli.deps.db.query('SELECT person_id, account_id FROM help_requests WHERE topic = $1', ['registration:name']);
    expect(help).toEqual([{ person_id: old.personId, account_id: old.accountId }]);
    expect(await redeemHandoffCode(linli.deps.db, code)).toEqual({ accountId: old.accountId });
  });
});

describe('when the bot is logged out', () => {
  it('tells the committee on another platform, and holds messages back', async () => {
    await wechat.bot.logout();
    await until(async () => {
      const lines = await readTranscript(linli.deps.db, linli.deps.cipher, {});
      return lines.some((line) => line.to === '李主任' && line.text.includes('退出登录'));
    });
    const channel = wechatOutboundChannel(wechat.bot, { ...sendSettings, timeZone: 'Asia/Shanghai' });
    await expect(channel.send(toWang(), linli.deps.db)).rejects.toMatchObject({ delivered: 'no', retryAfterMs: 300_000 });
  });
});
