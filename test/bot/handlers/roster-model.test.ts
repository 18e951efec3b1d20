import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTranscript, sandboxInbound } from '../../../src/bot/channels/sandbox.ts';
import { ingest } from '../../../src/bot/ingest.ts';
import { waitUntilSettled } from '../../../src/bot/settle.ts';
import { toHalfWidth } from '../../../src/dialogs/answers/index.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { fakeRosterModel, RecordingChatModel, rowsAnswer } from '../../dialogs/roster/fake-models.ts';

const group = '长庚里租户群';

// Two rows the rules read, and one tenant written as a sentence, with full-width and spaced numbers.
const paste = [
  '3栋租户名单',
  '1. 陈建华 440603198503152015 13812345678 3-2-502',
  '2. 李秀英 44060319920720302X 13925836147 3-2-503',
  '还有一个叫刘德华的，住5栋301，电话137 0000 1234，身份证４４５２０２１９７８０５１７９６０２',
].join('\n');

const secrets = ['440603198503152015', '13812345678', '44060319920720302X', '13925836147', '13700001234', '445202197805179602'];

const liu = { line: 4, name: '刘德华', phone: '⟨PHONE1⟩', idNumber: '⟨ID1⟩', room: '5栋301' };

describe('a paste with a line only the model can read', () => {
  // The model reads the line the first time; the second time it answers with no JSON at all.
  const model = fakeRosterModel(rowsAnswer([liu]), 'Sorry, I cannot help with that.');
  let linli: TestLinli;
  beforeAll(async () => {
    linli = await startTestLinli({ model });
    await loadDemo(linli.deps.db, linli.deps.cipher);
  });
  afterAll(async () => {
    await linli?.close();
  });

  it('sends the rules’ list at once, then the list with the model’s row, and no ID number or phone to the model', async () => {
    const replies = await say(linli, '房东老周', 'dm', paste);
    expect(replies).toHaveLength(2);
    const [first, revised] = replies.map((line) => line.text);
    expect(first).toContain('收到名单，共 2 人');
    expect(first).toContain('以下几行格式不太规范，我正在仔细辨认，稍后把更新后的名单发给您：\n第 4 行：还有一个叫刘德华的');
    expect(first).not.toContain('没能看懂');
    expect(revised).toContain('刚才没看懂的几行已经读出来了，名单更新如下：');
    expect(revised).toContain('收到名单，共 3 人');
    expect(revised).toContain('3. 刘德华 4452**********9602 137****1234 5栋301 ✅');
    expect(revised).toContain('核对无误请回复「确认」');
    for (const text of [first, revised]) expect(text).not.toMatch(/445202197805179602|13700001234/);

    expect(model.chat.prompts).toHaveLength(1);
    const sent = toHalfWidth(model.chat.sentText()).replace(/[\s\-+]/g, '');
    expect(sent).toContain('L4:还有一个叫刘德华的');
    expect(sent).not.toContain('陈建华');
    for (const secret of secrets) expect(sent).not.toContain(secret);

    await converse(linli, '房东老周', 'dm', [['确认', '名单已保存（第1版），共3人']]);
    const saved = await linli.deps.db.query<{ name: string }>('SELECT name FROM roster_entries ORDER BY line_no');
    expect(saved.map((row) => row.name)).toEqual(['陈建华', '李秀英', '刘德华']);
  });

  it('keeps the rules’ list when the model fails, and says which lines are still unread; in a group only the summary', async () => {
    const replies = await say(linli, '房东老郑', group, paste);
    const inGroup = replies.filter((line) => line.chat === group).map((line) => line.text);
    const inPrivate = replies.filter((line) => line.chat === 'dm' && line.to === '房东老郑').map((line) => line.text);
    expect(inGroup).toEqual(['收到房东老郑的名单，共2人，详细内容已私聊发给您，请在私聊里核对确认。']);
    expect(inPrivate).toHaveLength(2);
    expect(inPrivate[1]).toMatch(/^以下几行仔细看过，还是没能看懂，请改一下格式再发：\n第 4 行：还有一个叫刘德华的.*137\*{4}1234/);
    await converse(linli, '房东老郑', 'dm', [['确认', '名单已保存（第1版），共2人']]);
    const [failed] = await linli.deps.db.query<{ status: string }>(
      `SELECT f.status FROM followups f JOIN inbound_messages i ON i.id = f.inbound_id JOIN accounts a ON a.id = i.account_id
       WHERE a.platform_user_id = '房东老郑' AND f.kind = 'roster-model'`,
    );
    // The model's failure is an answer, not a failure of the work: nothing is tried again.
    expect(failed?.status).toBe('done');
  });
});

describe('a paste with a line the rules cannot read, and no model', () => {
  let linli: TestLinli;
  beforeAll(async () => {
    linli = await startTestLinli();
    await loadDemo(linli.deps.db, linli.deps.cipher);
  });
  afterAll(async () => {
    await linli?.close();
  });

  it('says which lines were not read, masked, in Chinese and in English', async () => {
    const chinese = texts(await say(linli, '房东老周', 'dm', paste));
    expect(chinese).toContain('以下几行没能看懂，请改一下格式再发：\n第 4 行：还有一个叫刘德华的，住5栋301，电话137****1234');
    expect(chinese).not.toMatch(/13700001234|137 0000 1234|445202197805179602/);

    await say(linli, 'Landlord Lee', 'dm', '/lang en');
    const english = texts(await say(linli, 'Landlord Lee', 'dm', paste));
    expect(english).toContain('These lines could not be read; please send them again in another form:\nline 4: 还有一个叫刘德华的');
    expect(english).toContain('Got the list: 2 people');
    const followups = await linli.deps.db.query('SELECT 1 FROM followups');
    expect(followups).toEqual([]);
  });
});

/** A model that answers only once the test lets it: what the landlord does meanwhile is up to the test. */
class GatedChatModel extends RecordingChatModel {
  private open: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => {
    this.open = resolve;
  });

  release(): void {
    this.open();
  }

  override async _generate(messages: BaseMessage[], options?: this['ParsedCallOptions'], runManager?: CallbackManagerForLLMRun): Promise<ChatResult> {
    await this.gate;
    return super._generate(messages, options, runManager);
  }
}

describe('a list confirmed before the model has read its last lines', () => {
  const chat = new GatedChatModel({ responses: [rowsAnswer([liu])] });
  let linli: TestLinli;
  beforeAll(async () => {
    linli = await startTestLinli({ model: { chat, method: 'jsonMode' } });
    await loadDemo(linli.deps.db, linli.deps.cipher);
  });
  afterAll(async () => {
    chat.release();
    await linli?.close();
  });

  it('keeps the saved list as confirmed and tells the landlord the late rows were not added', async () => {
    const pasted = await ingest(linli.deps, sandboxInbound('房东老冯', 'dm', paste, '2026-03-05'));
    if (pasted.kind !== 'accepted') throw new Error('not accepted');
    const repliesToPaste = () => readTranscript(linli.deps.db, linli.deps.cipher, { inboundIds: [pasted.inboundId] });
    // The rules' list is out while the model is still reading.
    while ((await repliesToPaste()).length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await converse(linli, '房东老冯', 'dm', [['确认', '名单已保存（第1版），共2人']]);
    chat.release();
    expect(await waitUntilSettled(linli.deps.db, [pasted.inboundId], { timeoutMs: 20_000 })).toBe(true);
    const late = (await repliesToPaste()).map((line) => line.text);
    expect(late).toHaveLength(2);
    expect(late[1]).toBe('刚才没看懂的几行读出了1人，但这份名单已经确认、取消或换成了新的，没有加进去。需要的话，请把这几行单独再发一次。');
    const saved = await linli.deps.db.query<{ name: string }>('SELECT name FROM roster_entries ORDER BY line_no');
    expect(saved.map((row) => row.name)).toEqual(['陈建华', '李秀英']);
  });
});


describe("a shop's staff list with a line only the model can read", () => {
  const market = '幸福市场商户群';
  const staffList = ['3号档 王记猪肉 员工名单', '张三 13812345678', '李四 13925836147', '还有个帮工叫王小二，他电话是137 0000 1234'].join('\n');
  const model = fakeRosterModel(rowsAnswer([{ line: 4, name: '王小二', phone: '⟨PHONE1⟩' }]));
  let linli: TestLinli;
  beforeAll(async () => {
    linli = await startTestLinli({ model });
    await loadDemo(linli.deps.db, linli.deps.cipher);
  });
  afterAll(async () => {
    await linli?.close();
  });

  it('sends the line to the model too, and the staff it finds need no room', async () => {
    const replies = await say(linli, '王姐', market, staffList);
    const inPrivate = replies.filter((line) => line.chat === 'dm' && line.to === '王姐').map((line) => line.text);
    expect(inPrivate).toHaveLength(2);
    expect(inPrivate[0]).toContain('「3号档 王记猪肉」的员工名单');
    expect(inPrivate[0]).toContain('以下几行格式不太规范，我正在仔细辨认');
    expect(inPrivate[1]).toContain('刚才没看懂的几行已经读出来了');
    expect(inPrivate[1]).toContain('3. 王小二 137****1234 ✅');
    expect(inPrivate[1]).not.toContain('房号');
    expect(toHalfWidth(model.chat.sentText()).replace(/[\s\-+]/g, '')).not.toContain('13700001234');
    await converse(linli, '王姐', 'dm', [['确认', '员工名单已保存']]);
  });
});
