import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueNoticeSend } from '../../src/jobs/notices.ts';
import { findCommunity } from '../../src/store/areas.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { createNotice } from '../../src/store/notices.ts';
import { applySetup } from '../../src/store/setup.ts';
import { parseSetupFile } from '../../src/store/setup-file.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';
import { until } from '../support/until.ts';

/**
 * A notice to 200 groups, and the worker sending it killed with SIGKILL halfway: a new worker
 * finishes it, and every group has the notice exactly once.
 */
const bin = path.resolve('bin/linli.js');
const groupCount = 200;
let linli: TestLinli;

beforeAll(async () => {
  // This process keeps the store (and, embedded, serves it) but runs no workers of its own.
  linli = await startTestLinli({ workers: false, onDisk: true });
  await loadDemo(linli.deps.db, linli.deps.cipher);
  await linli.deps.db.query(`UPDATE chats SET area_id = NULL, bound_at = NULL WHERE platform = 'sandbox'`);
  const chats = Array.from({ length: groupCount }, (_, index) => `      - { platform: sandbox, id: 楼栋群${index + 1}, kind: building, area: 保利紫山/3栋 }`);
  await applySetup(linli.deps.db, linli.deps.cipher, parseSetupFile(`communities:\n  - name: 幸福社区\n    chats:\n${chats.join('\n')}\n`, 'groups.yaml'));
}, 180_000);
afterAll(async () => {
  await linli?.close();
});

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, [bin, 'start', '--no-sandbox', '--no-demo'], { env: linli.childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.resume();
  return child;
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

async function copiesPerGroup(noticeId: number): Promise<Map<string, number>> {
  const rows = await linli.deps.db.query<{ platform_chat_id: string; n: number }>(
    `SELECT c.platform_chat_id, count(t.id)::int AS n FROM chats c
     LEFT JOIN sandbox_transcript t ON t.chat_id = c.id AND t.text_masked LIKE $1
     WHERE c.platform_chat_id LIKE '楼栋群%' GROUP BY c.platform_chat_id`,
    [`【社区通知 #${noticeId}】%`],
  );
  return new Map(rows.map((row) => [row.platform_chat_id, row.n]));
}

const sent = async (noticeId: number) => [...(await copiesPerGroup(noticeId)).values()].reduce((sum, n) => sum + n, 0);

describe('a broadcast to 200 groups with its worker killed halfway', () => {
  it('reaches every group exactly once', async () => {
    const community = await findCommunity(linli.deps.db, '幸福社区');
    const id = await createNotice(linli.deps.db, linli.deps.cipher, {
      communityId: community?.id ?? 0, body: '今晚10点起小区供水管道维修，请提前储水。', scope: 'building:保利紫山/3栋',
      sendAt: new Date(), ackHours: 12, pin: false, authorPersonId: null, authorStaffId: null,
    });
    await queueNoticeSend(linli.deps.jobs, { id, sendAt: new Date() }, new Date());

    const first = startWorker();
    await until(async () => (await sent(id)) >= 20, 120_000);
    first.kill('SIGKILL');
    await exited(first);
    const atKill = await sent(id);
    expect(atKill).toBeLessThan(groupCount);

    const second = startWorker();
    try {
      await until(async () => (await sent(id)) >= groupCount, 180_000);
      await until(async () => {
        const open = await linli.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE status IN ('pending', 'sending')");
        return open[0]?.n === 0;
      }, 60_000);
    } finally {
      second.kill('SIGTERM');
      await exited(second);
    }
    const copies = await copiesPerGroup(id);
    expect(copies.size).toBe(groupCount);
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
    const deliveries = await linli.deps.db.query<{ n: number; outbox: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT outbox_id)::int AS outbox FROM deliveries WHERE notice_id = $1',
      [id],
    );
    expect(deliveries[0]).toEqual({ n: groupCount, outbox: groupCount });
  }, 400_000);
});
