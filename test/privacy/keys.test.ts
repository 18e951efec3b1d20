import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { addKeyToFile, keepKeysInFile, keyFile, keyIdOf, resolveKeyRing } from '../../src/privacy/index.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-keys-file-'));
const embedded = { secret: undefined, oldSecrets: [], databaseUrl: undefined, dataDir };
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the key ring', () => {
  it('is LINLI_SECRET then LINLI_OLD_SECRETS, and never read from the data folder with a server database', () => {
    const current = 'c'.repeat(40);
    const old = 'o'.repeat(40);
    expect(resolveKeyRing({ ...embedded, secret: current, oldSecrets: [old, current] })).toEqual([current, old]);
    expect(() => resolveKeyRing({ ...embedded, databaseUrl: 'postgres://db/linli' })).toThrow(ConfigError);
  });

  it('is generated once into the data folder, grows a new key on top, and keeps only the key in use after a rotation', () => {
    const [first] = resolveKeyRing(embedded);
    expect(resolveKeyRing(embedded)).toEqual([first]);
    expect(fs.statSync(keyFile(dataDir)).mode & 0o077).toBe(0);
    const added = addKeyToFile(dataDir);
    const ring = resolveKeyRing(embedded);
    expect(ring.map(keyIdOf)).toEqual([added, keyIdOf(first ?? '')]);
    expect(keepKeysInFile(dataDir, [added])).toEqual([keyIdOf(first ?? '')]);
    expect(resolveKeyRing(embedded).map(keyIdOf)).toEqual([added]);
    expect(() => keepKeysInFile(dataDir, ['000000000000'])).toThrow();
    expect(resolveKeyRing(embedded).map(keyIdOf)).toEqual([added]);
  });
});
