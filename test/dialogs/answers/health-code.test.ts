import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHealthCode } from '../../../src/dialogs/answers/health-code.ts';
import { anyText, isWellFormed } from './arbitraries.ts';

describe('readHealthCode', () => {
  it.each([
    ['绿', 'green'],
    ['绿码', 'green'],
    ['绿色', 'green'],
    ['健康码是绿码', 'green'],
    ['绿码，谢谢', 'green'],
    ['green', 'green'],
    ['Green Code', 'green'],
    ['GREEN', 'green'],
    ['黄码', 'yellow'],
    ['黄', 'yellow'],
    ['yellow', 'yellow'],
    ['红码', 'red'],
    ['红', 'red'],
    ['red', 'red'],
    ['Red code', 'red'],
  ])('%j → %s', (input, expected) => {
    expect(readHealthCode(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'answer.empty'],
    ['不是绿码', 'health.unreadable'],
    ['没有红码', 'health.unreadable'],
    ['not green', 'health.unreadable'],
    ['红绿', 'health.unreadable'],
    ['blue', 'health.unreadable'],
    ['covered', 'health.unreadable'],
    ['正常', 'health.unreadable'],
  ])('%j is refused with %s', (input, reason) => {
    expect(readHealthCode(input)).toEqual({ ok: false, reason });
  });

  it('never throws', () => {
    fc.assert(fc.property(anyText, (text) => isWellFormed(readHealthCode(text))));
  });

  it('reads every colour word in any case and with spaces around', () => {
    const words = { green: ['绿', '绿码', '绿色', 'green', 'green code'], yellow: ['黄', '黄码', '黄色', 'yellow'], red: ['红', '红码', '红色', 'red'] };
    const answer = fc.constantFrom(...Object.entries(words).flatMap(([colour, list]) => list.map((word) => [colour, word] as const)));
    fc.assert(
      fc.property(answer, fc.boolean(), fc.constantFrom('', ' ', '　'), ([colour, word], upper, space) => {
        expect(readHealthCode(space + (upper ? word.toUpperCase() : word) + space)).toEqual({ ok: true, value: colour });
      }),
    );
  });
});
