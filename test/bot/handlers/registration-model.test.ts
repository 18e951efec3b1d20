import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTranscript, sandboxInbound } from '../../../src/bot/channels/sandbox.ts';
import { ingest } from '../../../src/bot/ingest.ts';
import { waitUntilSettled } from '../../../src/bot/settle.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { answersJson, scriptedModel } from '../../dialogs/answers/fake-form-model.ts';

const model = scriptedModel();
let linli: TestLinli;
beforeAll(async () => {
  linli = await startTestLinli({ model });
  await loadDemo(linli.deps.db, linli.deps.cipher);
});
afterAll(async () => {
  await linli?.close();
});

const SENTENCE = '我上周三从武汉坐高铁回来的';

/** A resident who has answered everything up to the 14-day question. */
async function upToArrival(user: string, idNumber: string, phone: string): Promise<void> {
  await say(linli, user, 'dm', '登记');
  await converse(linli, user, 'dm', [
    ['同意', '真实姓名'], [user, '身份证'], [idNumber, '手机'], [phone, '哪一栋'], ['5栋1801', '业主'],
    ['1', '户籍'], ['北京', '哪天'], ['2019.6.1', '14天内'],
  ]);
}

const returnedThreeAnswers = answersJson(
  { question: 'returned', phrases: ['回来的'], answer: 'yes' },
  { question: 'fromCity', phrases: ['武汉'] },
  { question: 'arrivalDate', phrases: ['上周三'] },
);

describe('a free-text answer read by the configured model', () => {
  it('fills three answers from 我上周三从武汉坐高铁回来的, shows them, and moves on', async () => {
    await upToArrival('周杰', '110101199003071057', '13900001111');
    model.chat.answerWith(returnedThreeAnswers);
    const reply = texts(await say(linli, '周杰', 'dm', SENTENCE));
    expect(reply).toContain('记下了：\n· 14天内从外地来：是\n· 出发城市：武汉市\n· 到达日期：2026-02-25');
    expect(reply).toContain('经过哪些城市');
    expect(reply).not.toContain('哪个城市来的');
    await converse(linli, '周杰', 'dm', [
      ['无', '健康码'], ['绿码', '疫苗'], ['3', '核酸'], ['昨天 阴性', '告诉社区'],
      ['无', /出发城市：武汉市[\s\S]*到达日期：2026-02-25/], ['确认', '登记完成'],
    ]);
    const observed = await linli.deps.db.query<{ starts_on: string; ends_on: string }>(
      `SELECT b.starts_on::text AS starts_on, b.ends_on::text AS ends_on FROM observations b
       JOIN accounts a ON a.person_id = b.person_id WHERE a.platform_user_id = '周杰'`,
    );
    expect(observed).toEqual([{ starts_on: '2026-02-25', ends_on: '2026-03-11' }]);
  });

  it('sends the model no ID number or phone that the resident wrote, and logs nothing of what they wrote', async () => {
    await upToArrival('吴敏', '320102197803053611', '13700001111');
    model.chat.answerWith(returnedThreeAnswers);
    const before = model.chat.prompts.length;
    const message = `${SENTENCE}，身份证320102197803053611，电话137 0000 1111，有事打我老公15013572468`;
    expect(texts(await say(linli, '吴敏', 'dm', message))).toContain('记下了');
    expect(model.chat.prompts.length).toBe(before + 1);
    const sent = model.chat.prompts.at(-1)?.map((m) => String(m.content)).join('\n') ?? '';
    expect(sent).toContain(SENTENCE);
    expect(sent).toContain('⟨ID1⟩');
    expect(sent.replace(/\s/g, '')).not.toMatch(/320102197803053611|13700001111|15013572468/);
    linli.deps.log.info('registration-model test: the message was handled');
    linli.deps.log.flush();
    await expect.poll(() => fs.readFileSync(linli.logFile, 'utf8'), { timeout: 5_000 }).toContain('the message was handled');
    const log = fs.readFileSync(linli.logFile, 'utf8');
    expect(log).not.toContain('坐高铁');
    expect(log).not.toContain('320102197803053611');
    await converse(linli, '吴敏', 'dm', [['取消', '已取消']]);
  });

  it.each([
    ['text that is not JSON', '钱进', '他是从武汉回来的'],
    ['answers of another shape', '孔明', JSON.stringify({ city: '武汉', date: '上周三' })],
    ['words that are not in the message', '冯乐', answersJson({ question: 'returned', phrases: ['回来了'], answer: 'yes' }, { question: 'fromCity', phrases: ['北京'] })],
    ['an error', '韩梅', new Error('503 Service Unavailable')],
  ])('goes on as the rules read the sentence (a yes) when the model answers %s', async (_, user, answer) => {
    await upToArrival(user, '110101199003071057', '13900002222');
    model.chat.answerWith(answer);
    const before = model.chat.prompts.length;
    const reply = texts(await say(linli, user, 'dm', SENTENCE));
    expect(model.chat.prompts.length).toBe(before + 1);
    expect(reply).toBe('从哪个城市来的？例如：武汉');
    await converse(linli, user, 'dm', [['武汉', '哪天到'], ['取消', '已取消']]);
  });

  it('drops the city that is not in the message, takes the rest, and asks for the city', async () => {
    await upToArrival('郑爽', '110101199003071057', '13900003333');
    model.chat.answerWith(
      answersJson({ question: 'returned', phrases: ['回来的'], answer: 'yes' }, { question: 'fromCity', phrases: ['北京'] }, { question: 'arrivalDate', phrases: ['上周三'] }),
    );
    const reply = texts(await say(linli, '郑爽', 'dm', SENTENCE));
    expect(reply).toContain('· 14天内从外地来：是\n· 到达日期：2026-02-25');
    expect(reply).not.toContain('北京');
    expect(reply).toMatch(/（有不对的，最后核对时可以修改）\n从哪个城市来的？/);
    await converse(linli, '郑爽', 'dm', [['武汉', '经过哪些城市'], ['取消', '已取消']]);
  });

  it('does not call the model for answers the rules read', async () => {
    const before = model.chat.prompts.length;
    await upToArrival('孙丽', '110101199003071057', '13900004444');
    await converse(linli, '孙丽', 'dm', [['有', '哪个城市'], ['从武汉来的', '哪天到'], ['上周三', '经过'], ['取消', '已取消']]);
    expect(model.chat.prompts.length).toBe(before);
  });

  it('waits for the model outside the message: the resident may go on meanwhile, and a newer answer wins', async () => {
    await upToArrival('钟南', '110101199003071057', '13900005555');
    let answer: (json: string) => void = () => undefined;
    model.chat.answerWith(new Promise<string>((resolve) => (answer = resolve)));
    const sentence = await ingest(linli.deps, sandboxInbound('钟南', 'dm', SENTENCE, '2026-03-05'));
    if (sentence.kind !== 'accepted') throw new Error(sentence.kind);
    await expect.poll(() => model.chat.prompts.some((p) => p.some((m) => String(m.content).includes(SENTENCE))), { timeout: 10_000 }).toBe(true);
    // The model has the sentence and has not answered: the store is free and the form still waits.
    expect(texts(await say(linli, '钟南', 'dm', '有'))).toContain('哪个城市');
    answer(returnedThreeAnswers);
    expect(await waitUntilSettled(linli.deps.db, [sentence.inboundId], { timeoutMs: 20_000 })).toBe(true);
    expect(await readTranscript(linli.deps.db, linli.deps.cipher, { inboundIds: [sentence.inboundId] })).toEqual([]);
    await converse(linli, '钟南', 'dm', [['武汉', '哪天到'], ['取消', '已取消']]);
  });
});
