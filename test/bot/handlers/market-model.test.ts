import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHalfWidth } from '../../../src/dialogs/answers/index.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { fakeRosterModel, rowsAnswer } from '../../dialogs/roster/fake-models.ts';

/**
 * A shop owner's staff list with a line only the model can read: the model is sent that line
 * alone, with its ID number and phone behind placeholders, and the owner gets the row masked.
 */
const market = '幸福市场商户群';
const list = [
  '3号档 王记猪肉 员工名单',
  '张三 13812345678',
  '李四 13925836147 440603198503152015',
  '另外新来的帮工叫赵六，电话137 0000 1234，身份证４４５２０２１９７８０５１７９６０２，周一才上班',
].join('\n');
const secrets = ['13812345678', '13925836147', '440603198503152015', '13700001234', '445202197805179602'];

describe('a shop staff list with a line only the model can read', () => {
  const model = fakeRosterModel(rowsAnswer([{ line: 4, name: '赵六', phone: '⟨PHONE1⟩', idNumber: '⟨ID1⟩' }]));
  let linli: TestLinli;
  beforeAll(async () => {
    linli = await startTestLinli({ model });
    await loadDemo(linli.deps.db, linli.deps.cipher);
  });
  afterAll(async () => {
    await linli?.close();
  });

  it('sends the model that line only, with no ID number or phone, and lists the row it read masked', async () => {
    const replies = await say(linli, '王姐', market, list);
    const inGroup = texts(replies.filter((line) => line.chat === market));
    const inPrivate = replies.filter((line) => line.chat === 'dm' && line.to === '王姐').map((line) => line.text);
    expect(inGroup).toContain('收到王姐的档口员工名单（3号档 王记猪肉）');
    expect(inPrivate.at(-1)).toContain('赵六');
    expect(inPrivate.at(-1)).toContain('137****1234');
    for (const text of [inGroup, ...inPrivate]) for (const secret of secrets) expect(text).not.toContain(secret);

    expect(model.chat.prompts).toHaveLength(1);
    const sent = toHalfWidth(model.chat.sentText()).replace(/[\s\-+]/g, '');
    expect(sent).toContain('另外新来的帮工叫赵六');
    expect(sent).toContain('⟨PHONE1⟩');
    expect(sent).toContain('⟨ID1⟩');
    expect(sent).not.toContain('张三');
    for (const secret of secrets) expect(sent).not.toContain(secret);
    // Nor, in the lines, any run of digits as long as a phone's, however it was spaced or written full-width.
    const lines = model.chat.prompts[0]?.at(-1)?.content;
    expect(typeof lines === 'string' && lines.startsWith('L4: ')).toBe(true);
    expect(toHalfWidth(String(lines)).slice('L4: '.length).replace(/⟨(?:ID|PHONE)\d+⟩/g, '')).not.toMatch(/\d/);
  });
});
