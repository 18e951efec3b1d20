import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/bot/ingest.ts';
import { sandboxInbound } from '../../src/bot/channels/sandbox.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';

/**
 * A worker process is killed with SIGKILL while it handles messages; a new one must handle
 * every stored message exactly once and send every reply exactly once.
 */
const bin = path.resolve('bin/linli.js');
let linli: TestLinli;

beforeAll(async () => {
  // This process keeps the store (and, embedded, serves it) but runs no workers of its own.
  linli = await startTestLinli({ workers: false, onDisk: true });
});
afterAll(async () => {
  await linli?.close();
});

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, [bin, 'start', '--no-sandbox', '--no-demo'], {
    env: linli.childEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.resume();
  return child;
}

async function counts(): Promise<{ handled: number; pending: number }> {
  const rows = await linli.deps.db.query<{ handled: number; pending: number }>(
    `SELECT count(*) FILTER (WHERE status = 'handled')::int AS handled,
            count(*) FILTER (WHERE status = 'pending')::int AS pending FROM inbound_messages`,
  );
  return rows[0] ?? { handled: 0, pending: 0 };
}

async function waitFor(predicate: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('a worker killed while handling messages', () => {
  it('leaves nothing handled twice or lost, and no reply sent twice', async () => {
    const users = ['甲', '乙', '丙', '丁', '戊', '己'];
    const turns = ['/lang en', '/help', '/lang zh', '/help'];
    const expected = ['OK, I will speak English', 'Hello, I am Linli', '好的，以后我用中文', '您好，我是邻里'];
    const total = users.length * 60;
    for (let k = 0; k < total / users.length; k += 1) {
      for (const user of users) {
        const result = await ingest(linli.deps, sandboxInbound(user, 'dm', turns[k % turns.length] ?? ''));
        expect(result.kind).toBe('accepted');
      }
    }

    const first = startWorker();
    await waitFor(async () => (await counts()).handled >= 20, 60_000);
    first.kill('SIGKILL');
    await exited(first);
    const atKill = await counts();
    expect(atKill.pending).toBeGreaterThan(0);

    const second = startWorker();
    try {
      await waitFor(async () => (await counts()).pending === 0, 120_000);
      await waitFor(async () => {
        const open = await linli.deps.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM outbox WHERE status IN ('pending', 'sending')",
        );
        return open[0]?.n === 0;
      }, 60_000);
    } finally {
      second.kill('SIGTERM');
    }
    // SIGTERM is a graceful stop: the worker finishes what it holds and exits cleanly.
    expect(await exited(second)).toBe(0);

    const perMessage = await linli.deps.db.query<{ replies: number; delivered: number; status: string }>(
      `SELECT i.status, count(DISTINCT o.id)::int AS replies, count(t.id)::int AS delivered
       FROM inbound_messages i LEFT JOIN outbox o ON o.inbound_id = i.id LEFT JOIN sandbox_transcript t ON t.outbox_id = o.id
       GROUP BY i.id, i.status`,
    );
    expect(perMessage).toHaveLength(total);
    for (const row of perMessage) expect(row).toEqual({ status: 'handled', replies: 1, delivered: 1 });

    // Each person's messages were answered in the order they were sent: the language of each
    // help follows the /lang command just before it.
    const replies = await linli.deps.db.query<{ user: string; text_enc: string }>(
      `SELECT a.platform_user_id AS user, o.text_enc FROM inbound_messages i
       JOIN accounts a ON a.id = i.account_id JOIN outbox o ON o.inbound_id = i.id ORDER BY i.id`,
    );
    const seen = new Map<string, number>();
    for (const row of replies) {
      const n = seen.get(row.user) ?? 0;
      seen.set(row.user, n + 1);
      expect(linli.deps.cipher.decrypt(row.text_enc)).toContain(expected[n % expected.length]);
    }
  }, 240_000);
});
