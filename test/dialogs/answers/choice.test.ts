import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readChoice, readYesNo, type ChoiceOption } from '../../../src/dialogs/answers/choice.ts';
import { anyText, chineseNumeral, isWellFormed } from './arbitraries.ts';

describe('readYesNo', () => {
  it.each(['是', '是的', '对', '对的', '好', '好的', '同意', '确认', '嗯', '嗯嗯', 'yes', 'Yes', 'y', 'Y', 'ok', 'OK', 'agree', '是的！', '好的呀', ' 是 ', '同意。'])(
    '%j is yes',
    (input) => {
      expect(readYesNo(input)).toEqual({ ok: true, value: true });
    },
  );

  it.each(['否', '不', '不是', '没有', '不同意', 'no', 'No', 'n', 'N', '不是的', '不了', '没有。'])('%j is no', (input) => {
    expect(readYesNo(input)).toEqual({ ok: true, value: false });
  });

  it.each([
    ['', 'answer.empty'],
    ['也许', 'yesno.unreadable'],
    ['是不是', 'yesno.unreadable'],
    ['maybe', 'yesno.unreadable'],
  ])('%j is refused with %s', (input, reason) => {
    expect(readYesNo(input)).toEqual({ ok: false, reason });
  });

  it('never throws', () => {
    fc.assert(fc.property(anyText, (text) => isWellFormed(readYesNo(text))));
  });
});

const ROLES: ChoiceOption<string>[] = [
  { value: 'owner', words: ['业主', '房东', 'owner'] },
  { value: 'tenant', words: ['租户', '租客', 'tenant'] },
  { value: 'family', words: ['业主家属', '家属', 'family'] },
];

describe('readChoice', () => {
  it.each([
    ['1', 'owner'],
    ['2', 'tenant'],
    ['３', 'family'],
    ['①', 'owner'],
    ['②', 'tenant'],
    ['一', 'owner'],
    ['二', 'tenant'],
    ['第三个', 'family'],
    ['选2', 'tenant'],
    ['2.', 'tenant'],
    ['业主', 'owner'],
    ['我是租客', 'tenant'],
    ['业主家属', 'family'],
    ['我是业主家属', 'family'],
    ['Tenant', 'tenant'],
    ["I'm the owner", 'owner'],
  ])('%j → %s', (input, expected) => {
    expect(readChoice(input, ROLES)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'answer.empty'],
    ['4', 'choice.unreadable'],
    ['0', 'choice.unreadable'],
    ['随便', 'choice.unreadable'],
    ['owners', 'choice.unreadable'],
    ['业主和租客', 'choice.ambiguous'],
  ])('%j is refused with %s', (input, reason) => {
    expect(readChoice(input, ROLES)).toEqual({ ok: false, reason });
  });

  it('never throws', () => {
    fc.assert(fc.property(anyText, (text) => isWellFormed(readChoice(text, ROLES))));
  });

  it('picks the option of every number, written in any of the usual ways', () => {
    const options = Array.from({ length: 10 }, (_, i) => ({ value: i + 1, words: [`option-${i + 1}`] }));
    const writings = [(n: number) => String(n), (n: number) => '①②③④⑤⑥⑦⑧⑨⑩'.charAt(n - 1), (n: number) => chineseNumeral(n), (n: number) => `第${n}个`];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.constantFrom(...writings), (n, write) => {
        expect(readChoice(write(n), options)).toEqual({ ok: true, value: n });
      }),
    );
  });
});
