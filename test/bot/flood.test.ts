import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/bot/ingest.ts';
import { floodLimit } from '../../src/bot/flood.ts';
import { messagesPerTurn } from '../../src/bot/turns.ts';
import { startWorkers, type RunningWorkers } from '../../src/jobs/workers.ts';
import { fakePlatform } from '../support/fake-platform.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';
import { until } from '../support/until.ts';

/**
 * One person sends a burst of messages (a script, a stuck key, a pasted log): they are kept, the
 * first few are answered, the person is told once to slow down, and nobody else waits for them.
 */
let linli: TestLinli;
let workers: RunningWorkers | undefined;
beforeAll(async () => {
  linli = await startTestLinli({ workers: false });
});
afterAll(async () => {
  await workers?.close();
  await linli?.close();
});

const burst = 200;

describe('a person who floods the bot', () => {
  it('is answered up to the limit, told once to slow down, and does not hold up anyone else', async () => {
    const platform = fakePlatform(linli, 'fakegram');
    const tell = (user: string, k: number) =>
      ingest(linli.deps, {
        platform: 'fakegram', chatId: `dm-${user}`, chatKind: 'private', senderId: user, senderName: user,
        text: '/help', messageId: `${user}-${k}`, at: new Date(),
      });
    for (let k = 0; k < burst; k += 1) expect((await tell('flooder', k)).kind).toBe('accepted');
    const other = await tell('neighbour', 0);
    if (other.kind !== 'accepted') throw new Error(other.kind);

    // One worker slot: whatever order it takes the work in is the order people are served.
    workers = await startWorkers(linli.deps, { inboundConcurrency: 1, sweepEveryMs: 0 });
    const open = async () => {
      const rows = await linli.deps.db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM inbound_messages WHERE status = 'pending')
              + (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')) AS n`,
      );
      return Number(rows[0]?.n);
    };
    await until(async () => (await open()) === 0, 120_000);

    const stored = await linli.deps.db.query<{ user: string; status: string; n: number }>(
      `SELECT a.platform_user_id AS user, i.status, count(*)::int AS n FROM inbound_messages i
       JOIN accounts a ON a.id = i.account_id GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(stored).toEqual([
      { user: 'flooder', status: 'handled', n: burst },
      { user: 'neighbour', status: 'handled', n: 1 },
    ]);

    const toFlooder = platform.sent.filter((message) => message.platformChatId === 'dm-flooder').map((message) => message.text);
    expect(toFlooder.filter((text) => text.includes('太快'))).toHaveLength(1);
    expect(toFlooder.filter((text) => text.includes('邻里'))).toHaveLength(floodLimit.messages);
    expect(platform.sent.filter((message) => message.platformChatId === 'dm-neighbour')).toHaveLength(1);

    // The neighbour came after the whole burst, and was served after a few of it, not all of it.
    const [served] = await linli.deps.db.query<{ before: number }>(
      `SELECT count(*)::int AS before FROM inbound_messages i JOIN accounts a ON a.id = i.account_id
       WHERE a.platform_user_id = 'flooder' AND i.handled_at < (SELECT handled_at FROM inbound_messages WHERE id = $1)`,
      [other.inboundId],
    );
    expect(served?.before).toBeLessThanOrEqual(messagesPerTurn);
  }, 180_000);
});
