import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The README as someone reads it in a fresh clone: every link it makes to a file leads to one. */
describe('README', () => {
  it('links only to files that a clone holds, the design notes among them', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((match) => match[1] ?? '').filter((target) => !/^[a-z]+:/i.test(target));
    expect(targets).toContain('docs/DESIGN.md');
    for (const target of targets) expect(fs.existsSync(path.resolve(target)), target).toBe(true);
    expect(path.resolve('docs/DESIGN.md').startsWith(process.cwd())).toBe(true);
  });
});
