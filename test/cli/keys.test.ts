import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { keyIdOf } from '../../src/privacy/index.ts';
import { runNode } from '../support/child.ts';
import { cliRunner } from '../support/cli.ts';
import { testSecret } from '../support/database.ts';

/** `linli keys` as the operator runs it: a rotation from one LINLI_SECRET to the next, then without the old one. */
const cli = cliRunner('keys');
const newSecret = 'the-next-secret-for-linli-personal-data-0123456789';
const withKeys = (secret: string, oldSecrets?: string) => (args: readonly string[]) =>
  runNode([cli.bin, ...args], { env: { ...cli.env, LINLI_SECRET: secret, LINLI_OLD_SECRETS: oldSecrets ?? '' } });

afterAll(async () => {
  await cli.drop();
  fs.rmSync(cli.dataDir, { recursive: true, force: true });
});

describe('linli keys', () => {
  it('rotates onto a new secret while refusing to run without a secret still in use', async () => {
    const demo = await cli.run(['demo']);
    expect(demo.stderr).toBe('');
    const nothing = await cli.run(['keys', 'rotate']);
    expect(nothing.stdout).toContain('nothing to rotate');

    const withoutOld = await withKeys(newSecret)(['keys', 'status']);
    expect(withoutOld.code).not.toBe(0);
    expect(withoutOld.stderr).toContain(keyIdOf(testSecret));
    expect(withoutOld.stderr).toContain('LINLI_OLD_SECRETS');

    const rotated = await withKeys(newSecret, testSecret)(['keys', 'rotate', '--json', '--batch', '50']);
    expect(rotated.stderr).toBe('');
    expect(JSON.parse(rotated.stdout)).toMatchObject({ targetKeyId: keyIdOf(newSecret), retired: [keyIdOf(testSecret)] });

    const status = await withKeys(newSecret)(['keys', 'status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ ringKeyIds: [keyIdOf(newSecret)], keysInUse: [keyIdOf(newSecret)] });
    const staff = await withKeys(newSecret)(['staff', 'list']);
    expect(staff.stdout).toContain('李主任');
  }, 300_000);

  it('says where it is in --help', async () => {
    const help = await cli.run(['keys', '--help']);
    expect(help.stdout).toMatch(/rotate/);
    expect(help.stdout).toMatch(/status/);
  }, 120_000);
});
