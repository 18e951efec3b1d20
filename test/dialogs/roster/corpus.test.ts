import { describe, expect, it } from 'vitest';
import { parseRosterRules } from '../../../src/dialogs/roster/rules.ts';
import { loadCorpus } from './corpus.ts';

const corpus = loadCorpus();
const rosters = corpus.filter((c) => c.isRoster);
const others = corpus.filter((c) => !c.isRoster);

describe('the roster corpus', () => {
  it('has at least 60 rosters in many styles, and negatives', () => {
    expect(rosters.length).toBeGreaterThanOrEqual(60);
    expect(others.length).toBeGreaterThanOrEqual(25);
  });

  it.each(rosters.map((c) => [`${c.file}: ${c.name}`, c] as const))('%s', (_, c) => {
    const parsed = parseRosterRules(c.text, c.today, { requireRoom: c.requireRoom });
    expect(parsed.isRoster).toBe(true);
    expect(parsed.entries).toEqual(c.entries);
    expect(parsed.unreadLines.map((line) => line.lineNo)).toEqual(c.unread);
  });

  it.each(others.map((c) => [`${c.file}: ${c.name}`, c] as const))('not a roster: %s', (_, c) => {
    expect(parseRosterRules(c.text, c.today)).toEqual({ isRoster: false, entries: [], unreadLines: [] });
  });
});
