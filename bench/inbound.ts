/**
 * Inbound throughput: residents completing the registration form at the same time through the
 * sandbox channel, each answering as soon as the bot's reply to the last answer is out. Against
 * it, the baseline: single-row update transactions per second through the same pool, so that the
 * rate reads as a share of what the database itself can do.
 */
import { ingest } from '../src/bot/ingest.ts';
import { sandboxInbound } from '../src/bot/channels/sandbox.ts';
import { loadDemo } from '../src/store/demo.ts';
import type { Db } from '../src/store/db.ts';
import type { TestLinli } from '../test/support/linli.ts';
import { benchToday, madeUpIdNumber, madeUpName, onPostgres, startBenchLinli } from './support.ts';
import { peakRssMb, percentile, round, type Benchmark, type BenchLine } from './table.ts';

const group = '保利紫山3栋业主群';

/** What one resident types: 登记 in the building's group, then the form in the private chat. */
function registrationTurns(serial: number): { chat: string; text: string }[] {
  const unit = 1 + (serial % 2);
  const room = `3栋${unit}单元${1 + (serial % 6)}0${1 + (Math.floor(serial / 6) % 2)}`;
  const answers = ['同意', madeUpName(serial), madeUpIdNumber(serial), `139${String(serial).padStart(8, '0')}`, room, '1', '北京', '2020.1.1', '没有', '绿', '跳过', '跳过', '跳过', '确认'];
  return [{ chat: group, text: '登记' }, ...answers.map((text) => ({ chat: 'dm', text }))];
}

/**
 * Tells each waiting resident when the bot has answered: one query for all of them, as often as
 * the bot's own polling would be, instead of one per resident.
 */
function settleWatcher(db: Db) {
  const waiting = new Map<number, () => void>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const ids = [...waiting.keys()];
      if (ids.length > 0) {
        const settled = await db.query<{ id: number }>(
          `SELECT i.id FROM inbound_messages i WHERE i.id = ANY($1::bigint[]) AND i.status <> 'pending'
             AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.inbound_id = i.id AND o.status IN ('pending', 'sending'))
             AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.inbound_id = i.id AND f.status = 'pending')`,
          [ids],
        );
        for (const { id } of settled) {
          waiting.get(Number(id))?.();
          waiting.delete(Number(id));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  })();
  return {
    answered: (inboundId: number) => new Promise<void>((resolve) => waiting.set(inboundId, resolve)),
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

async function updateBaseline(db: Db, seconds: number, concurrency: number): Promise<number> {
  await db.query('CREATE TABLE bench_counters (id integer PRIMARY KEY, n bigint NOT NULL)');
  await db.query('INSERT INTO bench_counters SELECT g, 0 FROM generate_series(1, 1000) g');
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const id = 1 + Math.floor(Math.random() * 1000);
        await db.transaction((tx) => tx.query('UPDATE bench_counters SET n = n + 1 WHERE id = $1', [id]));
        done += 1;
      }
    }),
  );
  const rate = done / ((performance.now() - started) / 1000);
  await db.query('DROP TABLE bench_counters');
  return rate;
}

async function registerAll(linli: TestLinli, residents: number, progress: (text: string) => void): Promise<number[]> {
  const { deps } = linli;
  const watcher = settleWatcher(deps.db);
  const today = benchToday();
  const inboundIds: number[] = [];
  let finished = 0;
  await Promise.all(
    Array.from({ length: residents }, async (_, serial) => {
      const user = `居民${serial}`;
      for (const turn of registrationTurns(serial)) {
        const result = await ingest(deps, sandboxInbound(user, turn.chat, turn.text, today));
        if (result.kind !== 'accepted') throw new Error(`a message was not accepted: ${result.kind}`);
        inboundIds.push(result.inboundId);
        await watcher.answered(result.inboundId);
      }
      finished += 1;
      if (finished % Math.max(1, Math.floor(residents / 10)) === 0) progress(`${finished} of ${residents} residents registered`);
    }),
  );
  await watcher.stop();
  return inboundIds;
}

export const benchmark: Benchmark = {
  async run({ quick, progress }) {
    const residents = Number(process.env.LINLI_BENCH_RESIDENTS ?? (quick ? 20 : 2000));
    const linli = await startBenchLinli();
    try {
      const { db, cipher } = linli.deps;
      await loadDemo(db, cipher);
      const poolSize = db.pool.options.max ?? 10;
      progress(`baseline: single-row updates through the pool of ${poolSize}`);
      const baseline = await updateBaseline(db, quick ? 3 : 10, poolSize);
      progress(`${residents} residents registering at once`);
      const inboundIds = await registerAll(linli, residents, progress);
      const timing = await db.query<{ first: Date; last: Date }>(
        'SELECT min(received_at) AS first, max(handled_at) AS last FROM inbound_messages WHERE id = ANY($1::bigint[])',
        [inboundIds],
      );
      const latencies = await db.query<{ ms: number }>(
        'SELECT extract(epoch FROM handled_at - received_at) * 1000 AS ms FROM inbound_messages WHERE id = ANY($1::bigint[])',
        [inboundIds],
      );
      const registered = await db.query<{ n: number }>("SELECT count(DISTINCT person_id)::int AS n FROM reports WHERE form_id = 'registration'");
      const span = timing[0] ? (timing[0].last.getTime() - timing[0].first.getTime()) / 1000 : Number.NaN;
      const rate = inboundIds.length / span;
      const ms = latencies.map((row) => Number(row.ms));
      const p50 = percentile(ms, 50);
      const p99 = percentile(ms, 99);
      const rss = peakRssMb();
      const rssGoal = onPostgres() ? 300 : 400;
      const lines: BenchLine[] = [
        {
          figure: `Inbound: ${round(residents)} residents registering at once (${round(registered[0]?.n ?? 0)} completed), messages/s`,
          value: `${round(rate, 1)} (${round(inboundIds.length)} messages in ${round(span, 1)} s)`,
          goal: '',
          met: null,
        },
        { figure: 'Inbound: baseline, single-row update transactions/s through the same pool', value: round(baseline, 1), goal: '', met: null },
        { figure: 'Inbound: messages/s as a share of the baseline', value: round(rate / baseline, 2), goal: '≥ 0.5', met: rate / baseline >= 0.5 },
        { figure: 'Inbound: latency, received to handled, p50 / p99', value: `${round(p50)} / ${round(p99)} ms`, goal: 'p99 < 100 ms', met: p99 < 100 },
        { figure: 'Inbound: two worker processes on one database and queue, ratio to one', value: 'not built', goal: '', met: null },
        {
          figure: `Footprint: peak RSS of the bot process during the inbound run (${onPostgres() ? 'Postgres' : 'embedded'}; the residents' simulator runs in it too)`,
          value: `${rss} MB`,
          goal: `< ${rssGoal} MB`,
          met: rss < rssGoal,
        },
      ];
      if ((registered[0]?.n ?? 0) !== residents) lines[0] = { ...lines[0]!, met: false, goal: `${residents} registrations` };
      return lines;
    } finally {
      await linli.close();
    }
  },
};
