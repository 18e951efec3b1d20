/**
 * Inbound throughput: residents completing the registration form at the same time through the
 * sandbox channel, each answering as soon as the bot's reply to the last answer is out. Against
 * it, the baseline: single-row update transactions per second through the same pool, so that the
 * rate reads as a share of what the database itself can do. Then the same again with a second
 * bot process (`linli start`) beside this one on the same store and queue: how the rate grows
 * with a worker process added.
 */
import { loadDemo } from '../src/store/demo.ts';
import type { Db } from '../src/store/db.ts';
import { measureRun, type InboundRun } from './inbound-check.ts';
import { registerAll } from './inbound-residents.ts';
import { onPostgres, startBenchLinli } from './support.ts';
import { peakRssMb, round, type Benchmark, type BenchLine } from './table.ts';
import { startWorkerProcess, type WorkerUsage } from './worker-process.ts';

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

const cpuSecondsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

/** What is wrong with a run, for the goal column: the figures of a run that lost or doubled work do not count. */
function runTrouble(run: InboundRun, residents: number, expectedReplies?: number): string | undefined {
  const problems = [...run.problems];
  if (run.registered !== residents) problems.push(`${run.registered} of ${residents} registered`);
  if (expectedReplies !== undefined && Math.abs(run.repliesPerMessage - expectedReplies) > 1e-9) {
    problems.push(`${round(run.repliesPerMessage, 3)} replies a message, not ${round(expectedReplies, 3)}`);
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
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

      progress(`one bot process: ${residents} residents registering at once`);
      const oneCpu = process.cpuUsage();
      const one = await measureRun(db, await registerAll(linli.deps, { first: 0, count: residents }, progress));
      const oneCpuSeconds = cpuSecondsSince(oneCpu);
      const rss = peakRssMb();
      const rssGoal = onPostgres() ? 300 : 400;

      progress(`two bot processes: ${residents} more residents registering at once`);
      const second = await startWorkerProcess(linli.childEnv);
      let two: InboundRun;
      let secondUsage: WorkerUsage;
      const twoCpu = process.cpuUsage();
      try {
        two = await measureRun(db, await registerAll(linli.deps, { first: residents, count: residents }, progress));
      } finally {
        secondUsage = await second.stop();
      }
      const twoCpuSeconds = cpuSecondsSince(twoCpu);

      const oneTrouble = runTrouble(one, residents);
      const twoTrouble = runTrouble(two, residents, one.repliesPerMessage);
      const lines: BenchLine[] = [
        {
          figure: `Inbound: ${round(residents)} residents registering at once (${round(one.registered)} completed), messages/s`,
          value: `${round(one.perSecond, 1)} (${round(one.messages)} messages in ${round(one.seconds, 1)} s; bot CPU ${round(oneCpuSeconds, 1)} s)`,
          goal: oneTrouble ?? '',
          met: oneTrouble ? false : null,
        },
        { figure: 'Inbound: baseline, single-row update transactions/s through the same pool', value: round(baseline, 1), goal: '', met: null },
        { figure: 'Inbound: messages/s as a share of the baseline', value: round(one.perSecond / baseline, 2), goal: '≥ 0.5', met: one.perSecond / baseline >= 0.5 },
        { figure: 'Inbound: latency, received to handled, p50 / p99', value: `${round(one.p50Ms)} / ${round(one.p99Ms)} ms`, goal: 'p99 < 100 ms', met: one.p99Ms < 100 },
        {
          figure: `Inbound: two bot processes on one ${onPostgres() ? 'Postgres' : 'embedded store'} and queue, messages/s (p50 / p99 latency)`,
          value: `${round(two.perSecond, 1)} (${round(two.p50Ms)} / ${round(two.p99Ms)} ms; CPU ${round(twoCpuSeconds, 1)} s + ${round(secondUsage.cpuSeconds, 1)} s, second process peak ${secondUsage.peakMb} MB)`,
          goal: twoTrouble ?? 'each message and reply once',
          met: twoTrouble === undefined,
        },
        { figure: 'Inbound: two bot processes over one, ratio of messages/s', value: round(two.perSecond / one.perSecond, 2), goal: '', met: null },
        {
          figure: `Footprint: peak RSS of the bot process during the inbound run (${onPostgres() ? 'Postgres' : 'embedded'}; the residents' simulator runs in it too)`,
          value: `${rss} MB`,
          goal: `< ${rssGoal} MB`,
          met: rss < rssGoal,
        },
      ];
      return lines;
    } finally {
      await linli.close();
    }
  },
};
