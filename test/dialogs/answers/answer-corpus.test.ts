import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRightReading, loadAnswerCorpus, readCase, type AnswerCase } from './answer-corpus.ts';
import { toFullWidth } from './arbitraries.ts';

const tuning = loadAnswerCorpus('tuning.yaml');
const heldOut = loadAnswerCorpus('held-out.yaml');

const show = (c: AnswerCase) => (c.refused ? 'refused' : c.skip ? 'skipped' : JSON.stringify(c.value));

describe('the answer corpus', () => {
  it('has at least 150 cases, a part of them held out', () => {
    expect(tuning.cases.length + heldOut.cases.length).toBeGreaterThanOrEqual(150);
    expect(heldOut.cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(tuning.cases.map((c) => [c.q, c.text, show(c), c] as const))('%s: %j is %s', (_, text, _expected, answerCase) => {
    expect(isRightReading(answerCase, readCase(answerCase, tuning.today)), JSON.stringify(readCase(answerCase, tuning.today))).toBe(true);
  });

  it('reads the held-out part right (its figure is reported on its own)', () => {
    const wrong = heldOut.cases.filter((c) => !isRightReading(c, readCase(c, heldOut.today)));
    const right = heldOut.cases.length - wrong.length;
    console.info(`held-out answers read right: ${right}/${heldOut.cases.length}`);
    for (const c of wrong) console.info(`  wrong: ${c.q} ${JSON.stringify(c.text)} → ${JSON.stringify(readCase(c, heldOut.today))}`);
    expect(right / heldOut.cases.length).toBeGreaterThanOrEqual(0.9);
  });
});

// What a phone adds to an answer without changing it: the width of the input method, spaces, a full stop.
const ENDINGS = ['', '。', '!', '！', ' ', '~'];
const WIDTHS = [(text: string) => text, toFullWidth];
const SPACES = [(text: string) => text, (text: string) => `  ${text}\u200b `];
// Free text and contacts are kept as typed, so an ending changes them.
const KEPT_AS_TYPED = new Set(['notes', 'landlord']);

function variants(c: AnswerCase): string[] {
  const endings = KEPT_AS_TYPED.has(c.q) && !c.skip ? [''] : ENDINGS;
  return endings.flatMap((ending) => WIDTHS.flatMap((width) => SPACES.map((space) => space(width(c.text + ending)))));
}

describe('variants of every corpus case', () => {
  const all = [...tuning.cases.map((c) => [c, tuning.today] as const), ...heldOut.cases.map((c) => [c, heldOut.today] as const)];
  const generated = all.flatMap(([c, today]) => variants(c).map((text) => ({ c, today, text })));

  it('are thousands, each read as the case itself', () => {
    expect(generated.length).toBeGreaterThan(2000);
    const wrong = generated.filter(({ c, today, text }) => !isRightReading(c, readCase(c, today, text)));
    expect(wrong.map(({ c, text }) => `${c.q} ${JSON.stringify(text)}`)).toEqual([]);
  });
});
