import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const importsOf = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((match) => match[1] ?? '');

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Masking, scrubbing, encryption and keyed hashes are one module, usable by pure code. */
describe('the privacy module', () => {
  it('touches neither the database nor the rest of the store', () => {
    for (const file of sourceFiles('src/privacy')) {
      for (const target of importsOf(file)) {
        expect(target, `${file} imports ${target}`).not.toMatch(/store\/|^pg$|pglite/);
      }
    }
  });

  it('is entered through its index only, from everywhere else', () => {
    for (const folder of ['src', 'test', 'bench']) {
      for (const file of sourceFiles(folder).filter((name) => !name.startsWith(path.join('src', 'privacy')))) {
        for (const target of importsOf(file).filter((name) => name.includes('privacy/'))) {
          expect(target, `${file} imports ${target}`).toMatch(/privacy\/index\.ts$/);
        }
      }
    }
  });
});
