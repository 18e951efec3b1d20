import { describe, expect, it } from 'vitest';
import { groundReadings, MODEL_READABLE_KINDS, type FormModelOutput } from '../../../src/dialogs/answers/model-reading.ts';
import { loadForm } from '../../../src/dialogs/form.ts';

const form = loadForm('registration');
const questions = (...ids: string[]) => form.questions.filter((q) => ids.includes(q.id));
const arrival = questions('returned', 'fromCity', 'arrivalDate', 'viaCities');

type Item = FormModelOutput['answers'][number];
const output = (...answers: Array<Partial<Item> & { question: string }>): FormModelOutput => ({
  answers: answers.map((a) => ({ phrases: [], answer: null, ...a })),
});

const SENTENCE = '我上周三从武汉坐高铁回来的';

describe('groundReadings', () => {
  it('takes the words the model quotes from the message, one per question', () => {
    const readings = groundReadings(
      output(
        { question: 'returned', phrases: ['回来的'], answer: 'yes' },
        { question: 'fromCity', phrases: ['武汉'] },
        { question: 'arrivalDate', phrases: ['上周三'] },
      ),
      arrival,
      SENTENCE,
    );
    expect(readings).toEqual([
      { questionId: 'returned', text: '是' },
      { questionId: 'fromCity', text: '武汉' },
      { questionId: 'arrivalDate', text: '上周三' },
    ]);
  });

  it('drops a city or a date that is not written in the message, such as one the model worked out', () => {
    const readings = groundReadings(
      output(
        { question: 'fromCity', phrases: ['湖北武汉'] },
        { question: 'arrivalDate', phrases: ['2026-02-25'] },
        { question: 'viaCities', phrases: ['长沙'] },
      ),
      arrival,
      SENTENCE,
    );
    expect(readings).toEqual([]);
  });

  it('takes a single value only when everything quoted for it is in the message', () => {
    const readings = groundReadings(output({ question: 'arrivalDate', phrases: ['上周三', '下午三点'] }), arrival, SENTENCE);
    expect(readings).toEqual([]);
  });

  it('reads the message as people retype it: full-width letters and spaces do not matter', () => {
    const readings = groundReadings(output({ question: 'hukou', phrases: ['Guangdong Jieyang'] }), questions('hukou'), '户口在ｇｕａｎｇｄｏｎｇ　jieyang那边');
    expect(readings).toEqual([{ questionId: 'hukou', text: 'Guangdong Jieyang' }]);
  });

  it('takes a yes or no only with the words that say it', () => {
    const said = (answer: Item['answer'], phrases: string[]) => groundReadings(output({ question: 'returned', phrases, answer }), arrival, '一直在本地，没出去过');
    expect(said('no', ['没出去过'])).toEqual([{ questionId: 'returned', text: '否' }]);
    expect(said('no', [])).toEqual([]);
    expect(said('yes', ['回来了'])).toEqual([]);
    expect(said(null, ['没出去过'])).toEqual([]);
  });

  it('keeps the cities of a list that are in the message, and reads an empty list as none', () => {
    const through = (answer: Item['answer'], phrases: string[]) =>
      groundReadings(output({ question: 'viaCities', phrases, answer }), arrival, '路上经过了长沙和岳阳，没去别的地方');
    expect(through(null, ['长沙', '岳阳', '衡阳'])).toEqual([{ questionId: 'viaCities', text: '长沙、岳阳' }]);
    expect(through('no', ['没去别的地方'])).toEqual([{ questionId: 'viaCities', text: '无' }]);
    expect(through(null, ['衡阳'])).toEqual([]);
  });

  it('never takes a placeholder of a hidden number as a value', () => {
    const shown = '从武汉回来的，电话⟨PHONE1⟩';
    const readings = groundReadings(output({ question: 'fromCity', phrases: ['⟨PHONE1⟩'] }, { question: 'arrivalDate', phrases: ['电话⟨PHONE1⟩'] }), arrival, shown);
    expect(readings).toEqual([]);
  });

  it('ignores answers to questions it was not asked, to kinds it may not read, and a second answer to one question', () => {
    const asked = [...questions('name', 'healthCode'), ...arrival];
    const readings = groundReadings(
      output(
        { question: 'name', phrases: ['王芳'] },
        { question: 'healthCode', phrases: ['绿码'] },
        { question: 'hukou', phrases: ['武汉'] },
        { question: 'nonsense', phrases: ['武汉'] },
        { question: 'fromCity', phrases: ['武汉'] },
        { question: 'fromCity', phrases: ['王芳'] },
      ),
      asked,
      '我叫王芳，绿码，从武汉回来',
    );
    expect(readings).toEqual([{ questionId: 'fromCity', text: '武汉' }]);
  });
});

describe('the kinds a model may read', () => {
  it('are the facts people mention in passing, never consent, personal data or health', () => {
    expect([...MODEL_READABLE_KINDS].sort()).toEqual(['cities', 'city', 'past-date', 'place', 'recent-date', 'yes-no']);
  });
});
