import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTranscript } from '../../../src/bot/channels/sandbox.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

/** What a person trying Linli meets in the first hour: the help, 人工, a list left waiting, English counts. */
let linli: TestLinli;

beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
});
afterAll(async () => {
  await linli?.close();
});

describe('帮助 from staff', () => {
  it('lists the staff commands to staff, in a private chat', async () => {
    const [help] = await converse(linli, '李主任', 'dm', [['帮助', '工作人员可以发送：']]);
    const reply = texts(help ?? []);
    expect(reply).toContain('· 日报');
    expect(reply).toContain('· 档口情况');
    expect(reply).toContain('· /bindcode');
    await converse(linli, '李主任', 'dm', [['/lang en', 'English'], ['help', /As staff you can also send:\n· digest: .*\n· shops: .*\n· \/bindcode PLACE/]]);
  });

  it('gives a resident the residents\' help only, with the way to reach staff', async () => {
    const reply = texts(await say(linli, '王芳', 'dm', '帮助'));
    expect(reply).toContain('· 人工');
    expect(reply).not.toContain('日报');
    expect(reply).not.toContain('bindcode');
    // The greeting promises what the bot does, notices included; sending one is for staff only.
    expect(reply).toMatch(/^您好，我是邻里小助手，帮社区居委会做住户登记.*发布通知/);
    expect(reply).not.toContain('· 发布通知');
    expect(reply).toContain('· 删除我的信息');
  });

  it('lists no staff command in a group, even to staff', async () => {
    const reply = texts(await say(linli, '李主任', '保利紫山3栋业主群', '/help'));
    expect(reply).not.toContain('bindcode');
  });
});

describe('人工 outside a form', () => {
  it('reaches the staff of the group it was asked in, and is kept for the digest', async () => {
    await converse(linli, '赵大爷', '保利紫山3栋业主群', [['@邻里 人工', '已经通知工作人员']]);
    const toStaff = (await readTranscript(linli.deps.db, linli.deps.cipher, {})).filter((line) => line.to === '李主任');
    expect(texts(toStaff)).toMatch(/【求助】赵大爷（幸福社区 \/ 保利紫山 \/ 3栋）请工作人员联系/);
    const open = await linli.deps.db.query<{ topic: string }>('SELECT topic FROM help_requests WHERE handled_at IS NULL');
    expect(open).toEqual([{ topic: 'chat' }]);
  });

  it('reaches the committee from a private chat, in the resident\'s language', async () => {
    await converse(linli, 'Tom', 'dm', [['/lang en', 'English'], ['staff', 'The committee staff have been told']]);
    const toStaff = (await readTranscript(linli.deps.db, linli.deps.cipher, {})).filter((line) => line.to === '李主任');
    expect(texts(toStaff)).toContain('【求助】Tom（—）请工作人员联系');
  });
});

describe('free text while a list waits for 确认', () => {
  it('reminds the landlord what waits and what to reply, instead of the general help', async () => {
    await say(linli, '房东老周', '长庚里租户群', ['陈建华 440603198503152015 13812345678 96号201', '李秀英 44060319920720302X 13925836147 96号202'].join('\n'));
    const [reminder] = await converse(linli, '房东老周', 'dm', [
      ['今天下午我不在家', '您发来的名单（2人）还在等您确认'],
      ['确认', '名单已保存'],
    ]);
    expect(texts(reminder ?? [])).not.toContain('您好，我是邻里小助手');
    expect(texts(await say(linli, '房东老周', 'dm', '今天下午我不在家'))).toContain('您好，我是邻里小助手');
  });
});

describe('English counts in agreement', () => {
  it('says 1 person and 1 shop, not 1 people and 1 shops', async () => {
    await converse(linli, 'Tom', 'dm', [['/lang en', 'English']]);
    await say(linli, 'Tom', 'dm', '陈小华 440603198503152015 13812345670 96号301');
    await converse(linli, 'Tom', 'dm', [
      ['is that all?', 'The list you sent (1 person) is still waiting for you'],
      ['confirm', 'List saved (version 1): 1 person.'],
    ]);
    await say(linli, '王姐', '幸福市场商户群', ['3号档 王记猪肉 员工名单', '张三 13812345671', '李四 13925836141'].join('\n'));
    await converse(linli, '王姐', 'dm', [['确认', '员工名单已保存']]);
    await converse(linli, '李主任', 'dm', [['/lang en', 'English'], ['shops', '1 shop, 2 staff']]);
  });
});
