import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/bot/ingest.ts';
import { sandboxInbound } from '../../src/bot/channels/sandbox.ts';
import { maxInboundTextChars } from '../../src/bot/inbound-text.ts';
import { cliRunner } from '../support/cli.ts';
import { say, texts } from '../support/chat.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';

/** Bytes nobody types but platforms pass on: control characters, and messages far over the size kept. */
let linli: TestLinli;
const cli = cliRunner('odd-input');
beforeAll(async () => {
  linli = await startTestLinli();
});
afterAll(async () => {
  await linli?.close();
  await cli.drop();
});

async function stored(inboundId: number) {
  const [row] = await linli.deps.db.query<{ text_enc: string; text_masked: string; truncated: boolean; route: string }>(
    'SELECT text_enc, text_masked, truncated, route FROM inbound_messages WHERE id = $1',
    [inboundId],
  );
  if (!row) throw new Error('not stored');
  return { ...row, text: linli.deps.cipher.decrypt(row.text_enc) };
}

describe('a message with control characters', () => {
  it('is stored without them, masked copy too, and answered as if they were not there', async () => {
    const replies = await say(linli, '王芳', 'dm', '你\u0000好\u0007');
    expect(texts(replies)).toContain('邻里');
    const [row] = await linli.deps.db.query<{ id: number }>('SELECT max(id)::int AS id FROM inbound_messages');
    const message = await stored(row?.id ?? 0);
    expect(message.text).toBe('你好');
    expect(message.text_masked).toBe('你好');
  });

  it('keeps a NUL out of a file name and a sender name, where Postgres would refuse it', async () => {
    const result = await ingest(linli.deps, {
      ...sandboxInbound('李\u0000四', 'dm', '/help'),
      files: [{ name: 'a\u0000.xlsx', ref: '/no/such/file.xlsx' }],
    });
    expect(result.kind).toBe('accepted');
    const [account] = await linli.deps.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM accounts WHERE platform_user_id = '李四'",
    );
    expect(account?.n).toBe(1);
  });

  it('does not stop `linli sim`: the lines after it are sent and answered', async () => {
    const result = await cli.run(['sim', '--as', 'u1', '--chat', 'dm', '--json'], { input: '你好\u0000\n/lang en\n' });
    expect(result.stderr, result.stderr).not.toContain('0x00');
    expect(result.code).toBe(0);
    expect(result.stdout, result.stderr).not.toBe('');
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { text: string });
    expect(lines).toHaveLength(2);
    expect(lines[1]?.text).toBe('OK, I will speak English with you from now on.');
  }, 300_000);
});

describe('a message over the size kept', () => {
  const idNumbers = Array.from({ length: 10_000 }, (_, k) => `4406031985${String(k % 10_000).padStart(4, '0')}201X`).join(' ');

  it('is stored cut and marked, and its sender is told it was too long and what to send instead', async () => {
    const result = await ingest(linli.deps, sandboxInbound('房东老周', 'dm', `以下是我的租客：${idNumbers}`));
    expect(result.kind).toBe('accepted');
    if (result.kind !== 'accepted') return;
    const replies = await say(linli, '房东老周', 'dm', '你好');
    const message = await stored(result.inboundId);
    expect(message.truncated).toBe(true);
    expect(message.route).toBe('too-long');
    expect(message.text).toHaveLength(maxInboundTextChars);
    expect(message.text.startsWith('以下是我的租客：4406031985')).toBe(true);
    // The masked copy keeps no readable ID number.
    expect(message.text_masked).not.toMatch(/4406031985\d{4}201X/);
    const told = await linli.deps.db.query<{ text_enc: string }>('SELECT text_enc FROM outbox WHERE inbound_id = $1', [
      result.inboundId,
    ]);
    expect(told).toHaveLength(1);
    const notice = linli.deps.cipher.decrypt(told[0]?.text_enc ?? '');
    expect(notice).toContain('太长');
    expect(notice).toMatch(/Excel|CSV/);
    // The conversation goes on as before.
    expect(texts(replies)).toContain('邻里');
  });

  it('of 100 KB of text is answered in the language of its sender', async () => {
    await say(linli, 'Anna', 'dm', '/lang en');
    const replies = await say(linli, 'Anna', 'dm', 'x'.repeat(100 * 1024));
    expect(texts(replies)).toMatch(/too long/);
  });
});
