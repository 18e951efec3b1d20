import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../../src/store/demo.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

let linli: TestLinli;

beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
});
afterAll(async () => {
  await linli?.close();
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
