import { describe, expect, it } from 'vitest';
import type { ModelReading } from '../../src/dialogs/answers/model-reading.ts';
import { questionsForModel, startDialog, stepDialog, type EngineContext } from '../../src/dialogs/engine.ts';
import { loadForm } from '../../src/dialogs/form.ts';
import type { DialogState } from '../../src/dialogs/state.ts';

const context = (overrides: Partial<EngineContext> = {}): EngineContext => ({
  form: loadForm('registration'),
  today: '2026-03-05',
  lang: 'zh-CN',
  params: { community: '幸福社区', retentionDays: '180' },
  ...overrides,
});

const upToHukou = ['同意', '王芳', '44060319900101109x', '138 1234 5678', '3栋2单元502', '1'];
const upToReturned = [...upToHukou, '广东揭阳', '2021.3.1'];

/** The session after these answers, each read by the rules. */
function after(answers: readonly string[], ctx = context()): DialogState {
  let state = startDialog(ctx).state;
  for (const text of answers) state = stepDialog(ctx, state, text).state;
  return state;
}

const SENTENCE = '我上周三从武汉坐高铁回来的';
const reading = (questionId: string, text: string): ModelReading => ({ questionId, text });

describe('questionsForModel', () => {
  it('asks about the arrival and its follow-ups when the rules cannot read the answer', () => {
    const state = after(upToReturned);
    expect(state.current).toBe('returned');
    expect(questionsForModel(context(), state, SENTENCE).map((q) => q.id)).toEqual(['returned', 'fromCity', 'arrivalDate', 'viaCities']);
  });

  it('asks nothing when the rules read the answer, for a control word, or at the summary', () => {
    const state = after(upToReturned);
    expect(questionsForModel(context(), state, '有')).toEqual([]);
    expect(questionsForModel(context(), state, '返回')).toEqual([]);
    // Lines pasted at once are read by the rules one line a question.
    expect(questionsForModel(context(), state, `${SENTENCE}\n武汉`)).toEqual([]);
    const summary = after([...upToReturned, '没有', '绿码', '3', '昨天 阴性', '无']);
    expect(summary.phase).toBe('summary');
    expect(questionsForModel(context(), summary, SENTENCE)).toEqual([]);
  });

  it('asks nothing about names, ID numbers, phones or health', () => {
    expect(questionsForModel(context(), after(['同意']), '叫我小王就行')).toEqual([]);
    expect(questionsForModel(context(), after(upToHukou.slice(0, 3)), '我的电话你问我老公')).toEqual([]);
    expect(questionsForModel(context(), after([...upToReturned, '没有']), '我也不知道是什么颜色')).toEqual([]);
  });

  it('asks about a household-registration place in which the rules know no province or city', () => {
    const state = after(upToHukou);
    expect(state.current).toBe('hukou');
    expect(questionsForModel(context(), state, '广东揭阳')).toEqual([]);
    expect(questionsForModel(context(), state, '户口在老家红安').map((q) => q.id)).toEqual(['hukou', 'since', 'returned', 'fromCity', 'arrivalDate', 'viaCities']);
  });

  it('asks about the living-here-since date, and not about questions already answered', () => {
    const state = after([...upToHukou, '广东揭阳']);
    expect(questionsForModel(context(), state, '住了好几年了').map((q) => q.id)).toEqual(['since', 'returned', 'fromCity', 'arrivalDate', 'viaCities']);
  });
});

describe('answers a model found in one message', () => {
  it('takes the three answers of 我上周三从武汉坐高铁回来的, shows them, and asks the next open question', () => {
    const state = after(upToReturned);
    const step = stepDialog(context(), state, SENTENCE, [reading('returned', '是'), reading('fromCity', '武汉'), reading('arrivalDate', '上周三')]);
    expect(step.state.answers).toMatchObject({ returned: true, fromCity: { province: '湖北省', city: '武汉市' }, arrivalDate: '2026-02-25' });
    expect(step.state.current).toBe('viaCities');
    expect(step.replies).toEqual([
      '记下了：\n· 14天内从外地来：是\n· 出发城市：武汉市\n· 到达日期：2026-02-25\n（有不对的，最后核对时可以修改）',
      '到达前7天内还经过哪些城市？没有请回复「无」。',
    ]);
    // 返回 goes back one answer at a time.
    expect(stepDialog(context(), step.state, '返回').state.current).toBe('arrivalDate');
  });

  it('reads a follow-up answer as the answer to the question it follows: from Wuhan means arrived', () => {
    const step = stepDialog(context(), after(upToReturned), '武汉那边过来的，前天到', [reading('fromCity', '武汉'), reading('arrivalDate', '前天')]);
    expect(step.state.answers).toMatchObject({ returned: true, arrivalDate: '2026-03-03' });
    expect(step.state.current).toBe('viaCities');
  });

  it('reads every found answer with the rules: a future arrival is refused, with the reason, when its question comes', () => {
    const step = stepDialog(context(), after(upToReturned), '明天从武汉回来', [reading('returned', '是'), reading('fromCity', '武汉'), reading('arrivalDate', '明天')]);
    expect(step.state.answers).toMatchObject({ returned: true, fromCity: { city: '武汉市' } });
    expect('arrivalDate' in step.state.answers).toBe(false);
    expect(step.state.current).toBe('arrivalDate');
    expect(step.replies.slice(1)).toEqual(['这个日期还没到，请写已经过去的日期。例如：昨天、3月1日', '哪天到的？例如：昨天、3天前、上周三']);
  });

  it('re-asks as the rules do when the question asked is not among what was found', () => {
    const state = after(upToReturned);
    const step = stepDialog(context(), state, '路上没停', [reading('viaCities', '无'), reading('arrivalDate', '下周')]);
    expect(step.state.answers).toEqual(state.answers);
    expect(step.state.failures).toBe(1);
    expect(step.replies).toEqual(['没看懂您的回答。最近14天内，您有没有从外地来（回）到本市？（有/没有）']);
  });

  it('takes a no, and then asks nothing about the arrival', () => {
    const step = stepDialog(context(), after(upToReturned), '一直在本地没出去过', [reading('returned', '否'), reading('fromCity', '武汉')]);
    expect(step.state.answers['returned']).toBe(false);
    expect('fromCity' in step.state.answers).toBe(false);
    expect(step.state.current).toBe('healthCode');
  });

  it('ignores what was found when the rules read the answer themselves', () => {
    const step = stepDialog(context(), after(upToReturned), '有', [reading('fromCity', '武汉'), reading('arrivalDate', '上周三')]);
    expect(step.state.answers['returned']).toBe(true);
    expect('fromCity' in step.state.answers).toBe(false);
    expect(step.replies).toEqual(['从哪个城市来的？例如：武汉']);
  });

  it('never changes an answer given before, nor answers a question that is not open', () => {
    const state = after(upToReturned);
    const step = stepDialog(context(), state, SENTENCE, [reading('hukou', '武汉'), reading('name', '李雷'), reading('returned', '是'), reading('healthCode', '红码')]);
    expect(step.state.answers['hukou']).toEqual(state.answers['hukou']);
    expect(step.state.answers['name']).toBe('王芳');
    expect('healthCode' in step.state.answers).toBe(false);
    expect(step.state.current).toBe('fromCity');
  });

  it('keeps the resident’s own words for a place the model cannot place either, and takes the answers after it', () => {
    const step = stepDialog(context(), after(upToHukou), '户口在老家红安，2019年3月1号搬过来的', [reading('hukou', '红安'), reading('since', '2019年3月1号')]);
    expect(step.state.answers['hukou']).toEqual({ raw: '户口在老家红安,2019年3月1号搬过来的', province: null, city: null });
    expect(step.state.answers['since']).toBe('2019-03-01');
    expect(step.state.current).toBe('returned');
  });

  it('speaks the resident’s language, and asks again for what the rules refuse of it', () => {
    const en = context({ lang: 'en' });
    const state = after(['agree', 'Wang Fang', '44060319900101109x', '13812345678', '3-2-502', '1', 'Guangdong Jieyang', '2021-03-01'], en);
    // A city the reader does not know is asked again, with the reason.
    const step = stepDialog(en, state, 'came back from Springfield last Wednesday', [reading('fromCity', 'Springfield'), reading('arrivalDate', 'last Wednesday')]);
    expect(step.replies).toEqual([
      'Noted:\n· Arrived from outside in 14 days: yes\n· Arrival date: 2026-02-25\n(If anything is wrong, you can change it when you check your details at the end.)',
      'We did not find this city; please give province and city. Example: Hubei Wuhan',
      'From which city? For example: Wuhan',
    ]);
  });
});
