import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTranscript } from '../../../src/bot/channels/sandbox.ts';
import { askMorningCheckins, missedCheckins, remindCheckins } from '../../../src/jobs/checkins.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

/** 2026-03-05 at 09:00 in Asia/Shanghai. */
let now = new Date('2026-03-05T01:00:00Z');
let linli: TestLinli;

beforeAll(async () => {
  linli = await startTestLinli({ clock: () => now });
  await loadDemo(linli.deps.db, linli.deps.cipher);
  // 赵敏 arrived from Wuhan on 2026-03-02 and registered in the group of building 3.
  await say(linli, '赵敏', '保利紫山3栋业主群', '登记');
  await converse(linli, '赵敏', 'dm', [
    ['同意', '姓名'], ['赵敏', '身份证'], ['44060319900101109X', '手机'], ['13812345678', '哪一栋'],
    ['3栋1单元101', '业主'], ['2', '房东'], ['跳过', '户籍'], ['湖北武汉', '哪天'], ['2026.3.1', '14天内'],
    ['有', '城市'], ['武汉', '哪天到'], ['3月2日', '经过'], ['无', '健康码'], ['绿', '疫苗'], ['跳过', '核酸'],
    ['跳过', '告诉社区'], ['跳过', '核对'], ['确认', '完成'],
  ]);
  // 钱进 registered without travel: never asked.
  await say(linli, '钱进', 'dm', '登记');
  await converse(linli, '钱进', 'dm', [
    ['同意', '姓名'], ['钱进', '身份证'], ['110101199003071057', '手机'], ['13900001111', '哪一栋'],
    ['3栋1单元102', '业主'], ['1', '户籍'], ['北京', '哪天'], ['2020.1.1', '14天内'], ['没有', '健康码'],
    ['绿', '疫苗'], ['跳过', '核酸'], ['跳过', '告诉社区'], ['跳过', '核对'], ['确认', '完成'],
  ]);
});
afterAll(async () => {
  await linli?.close();
});

const dmOf = async (user: string) =>
  (await readTranscript(linli.deps.db, linli.deps.cipher, {})).filter((line) => line.chat === 'dm' && line.to === user);

describe('daily check-ins', () => {
  it('asks those under observation each morning, once, privately', async () => {
    const before = (await dmOf('赵敏')).length;
    expect(await askMorningCheckins(linli.deps)).toBe(1);
    expect(await askMorningCheckins(linli.deps)).toBe(0);
    await expect.poll(async () => (await dmOf('赵敏')).length).toBe(before + 1);
    expect((await dmOf('赵敏')).at(-1)?.text).toContain('今天是您到达后的第3天，居家观察到2026-03-16');
    expect(texts(await dmOf('钱进'))).not.toContain('早上好');
  });

  it('reminds once in the afternoon whoever has not answered, and lists them as missed', async () => {
    expect(await missedCheckins(linli.deps, '2026-03-05')).toEqual([{ personId: expect.any(Number), name: '赵敏' }]);
    expect(await remindCheckins(linli.deps)).toBe(1);
    expect(await remindCheckins(linli.deps)).toBe(0);
  });

  it('stores the answer encrypted and passes a fever on to the staff', async () => {
    const reply = texts(await say(linli, '赵敏', 'dm', '37.8 有点咳嗽'));
    expect(reply).toContain('转告社区工作人员');
    const staff = (await readTranscript(linli.deps.db, linli.deps.cipher, {})).filter((line) => line.to === '李主任');
    expect(texts(staff)).toContain('【打卡异常】赵敏：体温37.8℃，有点咳嗽');
    const stored = await linli.deps.db.query<{ answer_enc: string }>('SELECT answer_enc FROM checkins');
    expect(stored[0]?.answer_enc).not.toContain('37.8');
    expect(await missedCheckins(linli.deps, '2026-03-05')).toEqual([]);
    // Once answered, a private message is no longer taken as a check-in.
    expect(texts(await say(linli, '赵敏', 'dm', '36.5 无'))).toContain('邻里小助手');
  });

  it('ends the last day with a short message', async () => {
    now = new Date('2026-03-16T01:00:00Z');
    expect(await askMorningCheckins(linli.deps)).toBe(1);
    await expect.poll(async () => (await dmOf('赵敏')).at(-1)?.text).toContain('最后一天');
    const reply = await say(linli, '赵敏', 'dm', '36.5 无', '2026-03-16');
    expect(texts(reply)).toMatch(/已记录[\s\S]*观察今天结束/);
    now = new Date('2026-03-17T01:00:00Z');
    expect(await askMorningCheckins(linli.deps)).toBe(0);
  });
});
