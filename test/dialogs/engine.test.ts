import { describe, expect, it } from 'vitest';
import { currentPrompt, startDialog, stepDialog, type EngineContext, type Effect } from '../../src/dialogs/engine.ts';
import { applyFormSettings, loadForm } from '../../src/dialogs/form.ts';
import type { DialogState } from '../../src/dialogs/state.ts';

const registration = loadForm('registration');
const context = (overrides: Partial<EngineContext> = {}): EngineContext => ({
  form: registration,
  today: '2026-03-05',
  lang: 'zh-CN',
  params: { community: '幸福社区', retentionDays: '180' },
  ...overrides,
});

/** A conversation: each turn is what the resident says and a piece of what the bot must answer. */
type Turn = [say: string, expect: string | RegExp];

function converse(turns: Turn[], ctx = context()) {
  let result = startDialog(ctx);
  const effects: Effect[] = [];
  const transcript: string[] = [result.replies.join('\n')];
  for (const [say, expected] of turns) {
    result = stepDialog(ctx, result.state, say);
    effects.push(...result.effects);
    const reply = result.replies.join('\n');
    transcript.push(`> ${say}\n${reply}`);
    if (typeof expected === 'string') expect(reply, transcript.join('\n')).toContain(expected);
    else expect(reply, transcript.join('\n')).toMatch(expected);
  }
  return { state: result.state, effects, transcript };
}

const owner: Turn[] = [
  ['同意', '真实姓名'],
  ['王芳', '身份证号码'],
  ['44060319900101109x', '手机号码'],
  ['138 1234 5678', '哪一栋'],
  ['3栋2单元502', '业主'],
  ['1', '户籍地'],
  ['广东揭阳', '哪天开始住'],
  ['2021.3.1', '14天内'],
  ['没有', '健康码'],
  ['绿码', '疫苗'],
  ['3', '核酸'],
  ['昨天 阴性', '告诉社区'],
  ['无', '请核对您的信息'],
];

describe('the registration form', () => {
  it('opens with the consent, naming the community and how long data is kept', () => {
    const start = startDialog(context());
    expect(start.replies.join()).toContain('幸福社区居委会');
    expect(start.replies.join()).toContain('180天后删除');
    expect(start.state.current).toBe('consent');
  });

  it('takes a whole registration in one turn per question, then a summary with ID and phone masked', () => {
    const { state, transcript } = converse(owner);
    const summary = transcript.at(-1) ?? '';
    expect(summary).toContain('1. 姓名：王芳');
    expect(summary).toContain('2. 证件号：4406**********109X（男，1990-01-01）');
    expect(summary).toContain('3. 手机号：138****5678');
    expect(summary).toContain('户籍地：广东省 揭阳市');
    expect(summary).toContain('最近核酸：2026-03-04 阴性');
    expect(summary).not.toContain('44060319900101109X');
    expect(summary).not.toContain('13812345678');
    expect(state.phase).toBe('summary');
  });

  it('submits on 确认 and offers to register a family member, who is not asked the room again', () => {
    const { effects, state } = converse([
      ...owner,
      ['家人', /已保存[\s\S]*第1位家人[\s\S]*真实姓名/],
      ['李雷', '身份证号码'],
      ['110101199003071057', '手机号码'],
      ['13900001111', '业主家属'],
      ['业主家属', '户籍地'],
      ['北京', '哪天开始住'],
      ['2021年3月1日', '14天内'],
      ['没有', '健康码'],
      ['green', '疫苗'],
      ['跳过', '核酸'],
      ['跳过', '告诉社区'],
      ['跳过', /请核对第1位家人的信息[\s\S]*住址：3栋2单元502/],
      ['确认', '登记完成'],
    ]);
    const submits = effects.filter((e) => e.kind === 'submit');
    expect(submits).toHaveLength(2);
    expect(submits[0]).toMatchObject({ member: 0, answers: { name: '王芳', phone: '13812345678', role: 'owner' } });
    expect(submits[1]).toMatchObject({ member: 1, answers: { name: '李雷', role: 'family', room: { building: '3', unit: '2', room: '502' } } });
    expect(submits[1]?.kind === 'submit' && 'vaccineDoses' in submits[1].answers).toBe(false);
    expect(effects.at(-1)).toEqual({ kind: 'finished' });
    expect(state.phase).toBe('finished');
  });

  it('asks a returnee where from, when, and through where; refuses a future arrival', () => {
    const { effects } = converse([
      ...owner.slice(0, 8),
      ['有', '哪个城市'],
      ['从武汉来的', '哪天到的'],
      ['明天', '还没到'],
      ['上周三', '经过哪些城市'],
      ['长沙、岳阳', '健康码'],
      ['黄', '疫苗'],
      ['跳过', '核酸'],
      ['跳过', '告诉社区'],
      ['跳过', '请核对'],
      ['确认', '登记完成'],
    ]);
    expect(effects[0]).toMatchObject({
      kind: 'submit',
      answers: {
        returned: true,
        fromCity: { province: '湖北省', city: '武汉市' },
        arrivalDate: '2026-02-25',
        viaCities: [{ city: '长沙市' }, { city: '岳阳市' }],
        healthCode: 'yellow',
      },
    });
  });

  it('asks a tenant for the landlord, which may be skipped', () => {
    const { effects } = converse([
      ...owner.slice(0, 5),
      ['租户', '房东'],
      ['跳过', '户籍地'],
      ...owner.slice(6),
      ['确认', '登记完成'],
    ]);
    expect(effects[0]).toMatchObject({ kind: 'submit', answers: { role: 'tenant' } });
    expect(effects[0]?.kind === 'submit' && 'landlord' in effects[0].answers).toBe(false);
  });
});

describe('other documents', () => {
  it.each([
    ['护照 E12345678', { type: 'passport', number: 'E12345678' }, '证件号：护照 E123*5678'],
    ['回乡证 H12345678', { type: 'hk-macao-permit', number: 'H12345678' }, '证件号：回乡证 H123*5678'],
  ])('accepts %s when the resident names it, and masks it in the summary', (text, value, shown) => {
    const { state, transcript } = converse([...owner.slice(0, 2), [text, '手机号码'], ...owner.slice(3)]);
    expect(state.answers['idNumber']).toEqual(value);
    expect(transcript.at(-1)).toContain(shown);
  });
});

describe('control words', () => {
  const at = (n: number) => converse(owner.slice(0, n)).state;

  it.each([
    ['返回', 'zh-CN'],
    ['上一题', 'zh-CN'],
    ['back', 'en'],
  ] as const)('%s goes back to the previous question and keeps the rest', (word, lang) => {
    const state = at(4);
    expect(state.current).toBe('room');
    const ctx = context({ lang });
    const back = stepDialog(ctx, state, word);
    expect(back.state.current).toBe('phone');
    const again = stepDialog(ctx, back.state, '139 0000 1111');
    expect(again.state.current).toBe('room');
    expect(again.state.answers).toMatchObject({ phone: '13900001111', idNumber: { number: '44060319900101109X' } });
  });

  it.each(['修改 1', '修改第1项', 'change 1', '改一'])('%s at the summary changes that item and returns to the summary', (word) => {
    const summary = converse(owner).state;
    const jump = stepDialog(context(), summary, word);
    expect(jump.state.current).toBe('name');
    const changed = stepDialog(context(), jump.state, '王小芳');
    expect(changed.state.phase).toBe('summary');
    expect(changed.replies.join()).toContain('1. 姓名：王小芳');
  });

  it('refuses to change an item that is not there', () => {
    const summary = converse(owner).state;
    expect(stepDialog(context(), summary, '修改 40').replies.join()).toContain('没有第40项');
  });

  it.each(['跳过', 'skip'])('%s skips only optional questions', (word) => {
    const atName = at(1);
    expect(stepDialog(context(), atName, word).replies.join()).toContain('不能跳过');
    const atVaccine = at(10);
    expect(atVaccine.current).toBe('vaccineDoses');
    expect(stepDialog(context(), atVaccine, word).state.current).toBe('lastTest');
  });

  it.each(['取消', 'cancel', '/cancel'])('%s cancels and submits nothing', (word) => {
    const result = stepDialog(context(), at(4), word);
    expect(result.effects).toEqual([{ kind: 'cancelled' }]);
    expect(result.state.phase).toBe('cancelled');
  });

  it('stops when the resident does not agree', () => {
    const result = stepDialog(context(), startDialog(context()).state, '不同意');
    expect(result.effects).toEqual([{ kind: 'cancelled' }]);
  });

  it.each(['帮助', 'help', '？'])('%s explains and repeats the question', (word) => {
    const result = stepDialog(context(), at(2), word);
    expect(result.replies.join('\n')).toMatch(/返回[\s\S]*身份证号码/);
  });

  it.each(['人工', 'staff'])('%s tells the staff and stays at the question', (word) => {
    const result = stepDialog(context(), at(2), word);
    expect(result.effects).toEqual([{ kind: 'ask-staff', questionId: 'idNumber' }]);
    expect(result.state.current).toBe('idNumber');
  });
});

describe('wrong answers', () => {
  it('re-asks with the specific reason, and offers staff after three tries', () => {
    let state: DialogState = converse(owner.slice(0, 2)).state;
    const replies: string[] = [];
    for (const wrong of ['44060319900101123', '440603199001011234', '440603199001011234']) {
      const result = stepDialog(context(), state, wrong);
      state = result.state;
      replies.push(result.replies.join('\n'));
    }
    expect(replies[0]).toContain('18');
    expect(replies[1]).toContain('校验位');
    expect(replies[2]).toContain('人工');
    expect(state.current).toBe('idNumber');
  });

  it('refuses a landline and explains why', () => {
    const state = converse(owner.slice(0, 3)).state;
    expect(stepDialog(context(), state, '020-12345678').replies.join()).toMatch(/固定电话|座机/);
  });

  it('checks the room against the compound and suggests the nearest', () => {
    const checkRoom = (room: { building: string | null; room: string | null }) =>
      room.building === '3' && room.room === '502' ? { exists: true as const } : { exists: false as const, suggestion: '3栋2单元502' };
    const ctx = context({ checkRoom });
    const state = converse(owner.slice(0, 4), ctx).state;
    const wrong = stepDialog(ctx, state, '3栋2单元520');
    expect(wrong.replies.join()).toContain('3栋2单元502');
    expect(wrong.state.current).toBe('room');
    expect(stepDialog(ctx, wrong.state, '3-2-502').state.current).toBe('role');
  });
});

describe('languages and forms as data', () => {
  it('speaks English when asked to', () => {
    const ctx = context({ lang: 'en' });
    const start = startDialog(ctx);
    expect(start.replies.join()).toContain('Resident registration');
    const next = stepDialog(ctx, start.state, 'agree');
    expect(next.replies.join()).toContain('real name');
    expect(currentPrompt(ctx, next.state)).toContain('real name');
  });

  it('lets a campaign switch questions off and reword them', () => {
    const form = applyFormSettings(registration, {
      disabled: ['vaccineDoses', 'lastTest'],
      prompts: { notes: { 'zh-CN': '有没有行动不便、需要上门的情况？' } },
    });
    const { transcript } = converse([...owner.slice(0, 9), ['绿', '行动不便']], context({ form }));
    expect(transcript.join()).not.toContain('疫苗');
  });

  it('refuses to switch off a question that another depends on', () => {
    expect(() => applyFormSettings(registration, { disabled: ['returned'], prompts: {} })).toThrow(/fromCity depends on returned/);
  });
});

describe('lines pasted at once', () => {
  it('answer one question each, but free text keeps its lines as one answer', () => {
    const atNotes = converse(owner.slice(0, 12)).state;
    const notes = stepDialog(context(), atNotes, '家里有老人\n行动不便');
    expect(notes.state.answers['notes']).toBe('家里有老人 行动不便');
    expect(notes.state.phase).toBe('summary');
    const atName = converse(owner.slice(0, 1)).state;
    const pasted = stepDialog(context(), atName, '王芳\n44060319900101109x\n138 1234 5678');
    expect(pasted.state.answers).toMatchObject({ name: '王芳', phone: '13812345678' });
    expect(pasted.state.current).toBe('room');
    expect(pasted.replies).toEqual(['您住在哪一栋、哪个单元、哪个房间？例如：3栋2单元502']);
  });
});
