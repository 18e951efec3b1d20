/** Figures of the rules on a part of the corpus: rows right out of rows expected, per category. */

import { isDeepStrictEqual } from 'node:util';
import { parseRosterRules } from '../../../src/dialogs/roster/rules.ts';
import type { CorpusCase } from './corpus.ts';

export interface Figure {
  right: number;
  total: number;
}

/**
 * A row is right when the parse has it exactly; a row the rules made up counts against them too.
 * A message that is no roster counts as one row, right when the rules leave it alone.
 */
export function scoreCase(c: CorpusCase): Figure {
  const parsed = parseRosterRules(c.text, c.today, { requireRoom: c.requireRoom });
  if (!c.isRoster) return { right: parsed.isRoster ? 0 : 1, total: 1 };
  const unmatched = [...parsed.entries];
  let right = 0;
  for (const expected of c.entries) {
    const at = unmatched.findIndex((row) => isDeepStrictEqual(row, expected));
    if (at >= 0) {
      right++;
      unmatched.splice(at, 1);
    }
  }
  const extra = Math.max(0, parsed.entries.length - c.entries.length);
  return { right, total: c.entries.length + extra };
}

export function scoreByCategory(cases: readonly CorpusCase[]): Map<string, Figure> {
  const figures = new Map<string, Figure>();
  for (const c of cases) {
    const { right, total } = scoreCase(c);
    const figure = figures.get(c.category) ?? { right: 0, total: 0 };
    figures.set(c.category, { right: figure.right + right, total: figure.total + total });
  }
  return figures;
}

export function figuresText(figures: ReadonlyMap<string, Figure>): string {
  const all = [...figures.values()].reduce((sum, f) => ({ right: sum.right + f.right, total: sum.total + f.total }), { right: 0, total: 0 });
  const lines = [...figures].map(([category, f]) => `${category.padEnd(10)} ${f.right}/${f.total}`);
  return [...lines, `${'all'.padEnd(10)} ${all.right}/${all.total}`].join('\n');
}
