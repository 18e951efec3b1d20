import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSandboxTerminal } from '../../src/cli/sandbox-terminal.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';

let linli: TestLinli;
beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
});
afterAll(async () => {
  await linli?.close();
});

const roster = ['3栋租户名单', '陈建华 440603198503152015 13812345678 3-2-502', '李秀英 44060319920720302X 13925836147 3-2-503'].join('\n');

describe('the sandbox in a terminal', () => {
  it('sends a list pasted into it as one message, and the bot answers the whole list', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
    const running = runSandboxTerminal(linli.deps, { dataDir: linli.config.dataDir, defaultUser: '王芳', input, output });
    input.write('/as 房东老周\n');
    await expect.poll(() => shown, { timeout: 5_000 }).toContain('现在您是 房东老周');
    input.write(`${roster}\n`);
    await expect.poll(() => shown, { timeout: 20_000 }).toContain('收到名单，共 2 人');
    input.write('/quit\n');
    await running;
    const sent = await linli.deps.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM inbound_messages m JOIN accounts a ON a.id = m.account_id WHERE a.platform_user_id = '房东老周'`,
    );
    expect(sent).toEqual([{ n: 1 }]);
    expect(shown).toContain('陈建华 4406**********2015');
  });
});
