import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/bot/ingest.ts';
import { sandboxInbound } from '../../src/bot/channels/sandbox.ts';
import { startLinliBehindProxies, type LinliBehindProxies } from '../support/outage.ts';
import { until } from '../support/until.ts';

/** Redis (the queue) goes away while Linli handles and sends: nothing lost, nothing sent twice. */
const withRedis = Boolean(process.env.REDIS_URL);
let world: LinliBehindProxies | undefined;
beforeAll(async () => {
  if (withRedis) world = await startLinliBehindProxies();
});
afterAll(async () => {
  await world?.close();
});

describe('a worker when Redis goes away while it handles and sends', () => {
  it.skipIf(!withRedis)('handles every message once and answers it once after Redis is back', async () => {
    if (!world?.redis) throw new Error('no Redis proxy');
    const { linli, redis } = world;
    const ids: number[] = [];
    for (let k = 0; k < 40; k += 1) {
      const result = await ingest(linli.deps, sandboxInbound(['甲', '乙', '丙', '丁'][k % 4] ?? '甲', 'dm', '/help'));
      if (result.kind !== 'accepted') throw new Error(result.kind);
      ids.push(result.inboundId);
    }
    redis.cut();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    redis.restore();
    // The sweep for lost work is what catches jobs that Redis lost; here it runs once by hand.
    const { recoverUnfinished } = await import('../../src/bot/recovery.ts');
    await until(async () => {
      await recoverUnfinished(linli.deps).catch(() => undefined);
      const [row] = await linli.deps.db.query<{ open: number }>(
        `SELECT (SELECT count(*) FROM inbound_messages WHERE status = 'pending')::int
              + (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending'))::int AS open`,
      );
      return row?.open === 0;
    }, 90_000);
    const perMessage = await linli.deps.db.query<{ status: string; replies: number; delivered: number }>(
      `SELECT i.status, count(DISTINCT o.id)::int AS replies, count(t.id)::int AS delivered
       FROM inbound_messages i LEFT JOIN outbox o ON o.inbound_id = i.id LEFT JOIN sandbox_transcript t ON t.outbox_id = o.id
       WHERE i.id = ANY($1::bigint[]) GROUP BY i.id, i.status`,
      [ids],
    );
    expect(perMessage).toHaveLength(ids.length);
    for (const row of perMessage) expect(row).toEqual({ status: 'handled', replies: 1, delivered: 1 });
  }, 180_000);
});
