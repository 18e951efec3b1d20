import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FieldCipher } from '../privacy/index.ts';
import type { Db } from './db.ts';
import { applySetup, type SetupCounts } from './setup.ts';
import { parseSetupFile, type ParsedSetup } from './setup-file.ts';

/** The demo community's setup file, beside this module. */
export const demoSetupPath = fileURLToPath(new URL('./demo/community.yaml', import.meta.url));

export async function readDemoSetup(): Promise<ParsedSetup> {
  return parseSetupFile(await readFile(demoSetupPath, 'utf8'), 'demo/community.yaml');
}

export interface DemoLoad {
  setup: ParsedSetup;
  counts: SetupCounts;
}

/** Puts the demo community into the store; loading it again changes nothing. */
export async function loadDemo(db: Db, cipher: FieldCipher): Promise<DemoLoad> {
  const setup = await readDemoSetup();
  return { setup, counts: await applySetup(db, cipher, setup) };
}
