import { describe, expect, it } from 'vitest';
import { formSchema, loadForm, type FormDefinition } from '../../src/dialogs/form.ts';
import { prefilledAnswers } from '../../src/dialogs/prefill.ts';
import { answersOf, uniteForms } from '../../src/dialogs/union-form.ts';

/** Two campaigns asked in one go: shared questions once, each campaign's answers apart. */
const text = (zh: string) => ({ 'zh-CN': zh, en: zh });
const form = (id: string, questions: Array<Record<string, unknown>>): FormDefinition =>
  formSchema.parse({ id, version: 1, title: text(id), questions: questions.map((q) => ({ prompt: text(String(q['id'])), label: text(String(q['id'])), ...q })) });

const heat = form('heat', [
  { id: 'consent', kind: 'consent' },
  { id: 'name', kind: 'name' },
  { id: 'room', kind: 'room' },
  { id: 'livesAlone', kind: 'yes-no' },
  { id: 'people', kind: 'text' },
]);
const flood = form('flood', [
  { id: 'consent', kind: 'consent' },
  { id: 'name', kind: 'name' },
  { id: 'room', kind: 'room' },
  { id: 'needsHelp', kind: 'yes-no' },
  { id: 'people', kind: 'integer', min: 1, max: 30 },
  { id: 'helpCount', kind: 'integer', when: { question: 'needsHelp', equals: true } },
]);

describe('uniting forms', () => {
  it('asks the first form in its order, then the new questions of the next', () => {
    const { form: united } = uniteForms([heat, flood]);
    expect(united.questions.map((q) => q.id)).toEqual(['consent', 'name', 'room', 'livesAlone', 'people', 'needsHelp', 'people2', 'helpCount']);
    expect(united.title['zh-CN']).toBe('heat、flood');
  });

  it('keeps a question of the same id but another kind apart, and gives each form its own answers', () => {
    const { parts } = uniteForms([heat, flood]);
    const answers = { name: '陈桂兰', room: { raw: '3栋1单元101' }, livesAlone: true, people: '老两口', needsHelp: true, people2: 2, helpCount: 1 };
    expect(answersOf(parts[0]!, answers)).toEqual({ name: '陈桂兰', room: { raw: '3栋1单元101' }, livesAlone: true, people: '老两口' });
    expect(answersOf(parts[1]!, answers)).toEqual({ name: '陈桂兰', room: { raw: '3栋1单元101' }, needsHelp: true, people: 2, helpCount: 1 });
  });

  it('leaves one form as it is', () => {
    expect(uniteForms([loadForm('registration')]).form).toBe(loadForm('registration'));
  });
});

describe('answers given in another running campaign', () => {
  it('fill the same questions, never consent, and only where they still fit', () => {
    const earlier = [{ form: heat, answers: { name: '陈桂兰', room: { raw: '3栋1单元101' }, people: '老两口' } }];
    expect(prefilledAnswers(flood, earlier)).toEqual({ name: '陈桂兰', room: { raw: '3栋1单元101' } });
    const older = [{ form: flood, answers: { people: 40 } }];
    expect(prefilledAnswers(flood, older)).toEqual({});
  });
});
