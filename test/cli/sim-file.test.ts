import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../support/cli.ts';

/** `linli sim --json` when the bot sends a file: the digest workbook a staff member asks for. */
const cli = cliRunner('sim-file');

afterAll(async () => {
  await cli.drop();
});

describe('a file the bot sends in the sandbox', { timeout: 600_000 }, () => {
  it('is saved in the data folder, and `sim --json` gives its path', async () => {
    expect((await cli.run(['demo'])).code).toBe(0);
    const result = await cli.run(['sim', '--as', '李主任', '--chat', 'dm', '--json'], { input: '日报\n' });
    expect(result.code).toBe(0);
    const replies = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { text: string; file?: string });
    const workbook = replies.find((reply) => reply.file?.endsWith('.xlsx'));
    expect(workbook?.file?.startsWith(path.join(path.resolve(cli.dataDir), 'sandbox-files'))).toBe(true);
    expect(workbook?.text).toContain(workbook?.file);
    expect(fs.readFileSync(workbook?.file ?? '').subarray(0, 2).toString()).toBe('PK');
  });
});
