import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/bot/ingest.ts';
import { sandboxInbound } from '../../src/bot/channels/sandbox.ts';
import { startLinliBehindProxies, type LinliBehindProxies } from '../support/outage.ts';
import { until } from '../support/until.ts';
import { startTelegram, webhookSecret } from '../../src/bot/channels/telegram.ts';
import { createLogger } from '../../src/log.ts';
import { FakeTelegram, type Message } from '../support/fake-telegram.ts';
import { testBotInfo } from '../support/recording-telegram.ts';

/**
 * The database goes away while Linli works (a restart, a failover, a network fault): the work in
 * hand fails, is tried again, and goes on when the database is back; nothing is lost or doubled.
 */
let world: LinliBehindProxies;
beforeAll(async () => {
  world = await startLinliBehindProxies();
});
afterAll(async () => {
  await world?.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function tally() {
  const rows = await world.linli.deps.db.query<{ pending: number; open: number }>(
    `SELECT (SELECT count(*) FROM inbound_messages WHERE status = 'pending')::int AS pending,
            (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending'))::int AS open`,
  );
  return rows[0] ?? { pending: -1, open: -1 };
}

describe('a worker when the database goes away while it handles messages', () => {
  it('rides it out: every message handled once and answered once after the database is back', async () => {
    const { linli, database } = world;
    const users = ['甲', '乙', '丙', '丁'];
    const ids: number[] = [];
    for (let k = 0; k < 15; k += 1) {
      for (const user of users) {
        const result = await ingest(linli.deps, sandboxInbound(user, 'dm', k % 2 === 0 ? '/help' : '你好'));
        if (result.kind !== 'accepted') throw new Error(result.kind);
        ids.push(result.inboundId);
      }
    }
    await until(async () => (await tally()).pending < ids.length - 8, 60_000);
    database.cut();
    await pause(2_000);
    database.restore();
    await until(async () => {
      const now = await tally().catch(() => ({ pending: -1, open: -1 }));
      return now.pending === 0 && now.open === 0;
    }, 90_000);

    const perMessage = await linli.deps.db.query<{ status: string; replies: number; delivered: number }>(
      `SELECT i.status, count(DISTINCT o.id)::int AS replies, count(t.id)::int AS delivered
       FROM inbound_messages i LEFT JOIN outbox o ON o.inbound_id = i.id LEFT JOIN sandbox_transcript t ON t.outbox_id = o.id
       WHERE i.id = ANY($1::bigint[]) GROUP BY i.id, i.status`,
      [ids],
    );
    expect(perMessage).toHaveLength(ids.length);
    for (const row of perMessage) expect(row).toEqual({ status: 'handled', replies: 1, delivered: 1 });
    // Nobody was told their message failed: a database away is not the message's fault.
    const [apologies] = await linli.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM inbound_messages WHERE attempts > 1 OR status = 'failed'");
    expect(apologies?.n).toBe(0);
  }, 180_000);
});

const token = '7000001:test-token';
const privateMessage = (userId: number, messageId: number, text: string): Message => ({
  message_id: messageId,
  date: Math.floor(Date.now() / 1000),
  from: { id: userId, is_bot: false, first_name: `用户${userId}` },
  chat: { id: userId, type: 'private', first_name: `用户${userId}` },
  text,
});

async function telegramTally(userIds: readonly number[]) {
  const rows = await world.linli.deps.db.query<{ stored: number; open: number }>(
    `SELECT (SELECT count(*) FROM inbound_messages i JOIN chats c ON c.id = i.chat_id
             WHERE c.platform = 'telegram' AND c.platform_chat_id = ANY($1::text[]))::int AS stored,
            (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending'))::int
              + (SELECT count(*) FROM inbound_messages WHERE status = 'pending')::int AS open`,
    [userIds.map(String)],
  );
  return rows[0] ?? { stored: -1, open: -1 };
}

describe('Telegram updates that arrive while the database is away', () => {
  it('are confirmed to Telegram only once stored, and each is answered once when it is back', async () => {
    const fake = new FakeTelegram();
    const log = createLogger({ level: 'warn', file: `${world.config.dataDir}/telegram.log` });
    const telegram = await startTelegram(world.linli.deps, { token, apiRoot: undefined, webhook: undefined }, log, {
      botInfo: testBotInfo,
      fetch: fake.fetch,
    });
    const users = Array.from({ length: 10 }, (_, k) => 6100 + k);
    try {
      world.database.cut();
      for (const userId of users) fake.deliver(privateMessage(userId, 1, '/help'));
      // Longer than storing used to be tried before the update was confirmed anyway.
      await pause(4_000);
      world.database.restore();
      await until(async () => {
        const now = await telegramTally(users).catch(() => ({ stored: -1, open: -1 }));
        return now.stored === users.length && now.open === 0;
      }, 90_000);
    } finally {
      world.database.restore();
      await telegram.stop();
    }
    for (const userId of users) {
      const texts = fake.textsTo(userId);
      expect(texts, `to ${userId}`).toHaveLength(1);
      expect(texts[0]).toContain('邻里');
    }
  }, 180_000);

  it('by webhook are answered with an error, so that Telegram sends them again, and stored once when it does', async () => {
    const fake = new FakeTelegram();
    const log = createLogger({ level: 'warn', file: `${world.config.dataDir}/webhook.log` });
    const telegram = await startTelegram(
      world.linli.deps,
      { token, apiRoot: undefined, webhook: { url: 'https://linli.example.org/telegram/hook', port: 0 } },
      log,
      { botInfo: testBotInfo, fetch: fake.fetch },
    );
    const post = () =>
      fetch(`http://127.0.0.1:${telegram.webhookPort}/telegram/hook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhookSecret(token) },
        body: JSON.stringify({ update_id: 77, message: privateMessage(6200, 5, '/help') }),
      });
    try {
      world.database.cut();
      const during = await post();
      expect(during.status).toBeGreaterThanOrEqual(500);
      world.database.restore();
      const again = await post();
      expect(again.status).toBe(200);
      const twice = await post();
      expect(twice.status).toBe(200);
      await until(async () => (await telegramTally([6200])).open === 0 && (await telegramTally([6200])).stored === 1, 60_000);
    } finally {
      world.database.restore();
      await telegram.stop();
    }
    expect((await telegramTally([6200])).stored).toBe(1);
    const sends = await world.linli.deps.db.query(
      `SELECT o.status, o.last_error FROM outbox o JOIN chats c ON c.id = o.chat_id WHERE c.platform_chat_id = '6200'`,
    );
    expect(sends).toEqual([{ status: 'sent', last_error: null }]);
    expect(fake.textsTo(6200)).toHaveLength(1);
  }, 120_000);
});
