/**
 * Footprint: what a staff member waits for and what the machine holds for `linli --help` and for
 * one `sim` round trip on an existing data folder (or schema), each a fresh process as typed,
 * wall time and peak memory. The bot's own peak during the inbound run is in that block.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { openDatabase } from '../src/store/connect.ts';
import { compiledEntry } from '../bin/compiled.js';
import { testSecret } from '../test/support/database.ts';
import { percentile, round, type Benchmark } from './table.ts';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'linli.js');
/** Loaded first into the measured process: it writes its peak memory and CPU time to a file as it exits. */
const peakReporter = `data:text/javascript,${encodeURIComponent(
  "import fs from 'node:fs'; process.on('exit', () => fs.writeFileSync(process.env.LINLI_BENCH_PEAK_FILE, JSON.stringify(process.resourceUsage())));",
)}`;

interface Run {
  seconds: number;
  /** This process's own CPU time: on a loaded machine the wall clock counts other processes' turns too. */
  cpuSeconds: number;
  peakMb: number;
  stdout: string;
}

async function timed(args: readonly string[], env: NodeJS.ProcessEnv, input = ''): Promise<Run> {
  const peakFile = path.join(os.tmpdir(), `linli-peak-${randomBytes(4).toString('hex')}`);
  const started = performance.now();
  const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', peakReporter, bin, ...args], {
      env: { ...env, LINLI_BENCH_PEAK_FILE: peakFile },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve({ code: exitCode, stdout: out }));
    child.stdin.end(input);
  });
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`linli ${args.join(' ')} exited with ${code}`);
  const usage = z.object({ maxRSS: z.number(), userCPUTime: z.number(), systemCPUTime: z.number() }).parse(JSON.parse(fs.readFileSync(peakFile, 'utf8')));
  fs.rmSync(peakFile, { force: true });
  return { seconds, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, peakMb: Math.round(usage.maxRSS / 1024), stdout };
}

/** The median run of several, by wall time: one run slowed by a neighbour does not decide. */
async function medianOf(times: number, run: () => Promise<Run>): Promise<Run> {
  const runs: Run[] = [];
  for (let i = 0; i < times; i += 1) runs.push(await run());
  const median = percentile(runs.map((r) => r.seconds), 50);
  return runs.find((r) => r.seconds === median) ?? runs[0]!;
}

export const benchmark: Benchmark = {
  async run({ quick, progress }) {
    const times = quick ? 1 : 5;
    if (!compiledEntry()) {
      progress('compiling the sources, as npm install does');
      await new Promise<void>((resolve, reject) => {
        spawn(process.execPath, [path.join(root, 'bin', 'build.js')], { stdio: 'ignore' }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error('the build failed'))));
      });
    }
    const how = compiledEntry() ? 'compiled at install' : 'sources through tsx';
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-footprint-'));
    const databaseUrl = process.env.DATABASE_URL || undefined;
    const schema = databaseUrl ? `bench_${randomBytes(6).toString('hex')}` : 'public';
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LINLI_DATA_DIR: dataDir,
      LINLI_SECRET: testSecret,
      LINLI_DB_SCHEMA: schema,
      LINLI_QUEUE_PREFIX: `linli-bench-${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: 'warn',
    };
    try {
      progress('linli --help');
      const help = await medianOf(times, () => timed(['--help'], env));
      progress('a first sim makes the data folder; then sim round trips');
      const sim = ['sim', '--as', '王芳', '--chat', 'dm'];
      const first = await timed(sim, env, '你好\n');
      if (!first.stdout.includes('邻里')) throw new Error('sim did not answer 你好');
      const again = await medianOf(times, () => timed(sim, env, '你好\n'));
      const where = databaseUrl ? 'Postgres' : 'the embedded database';
      return [
        { figure: `Footprint: linli --help (${how}), wall time (CPU time) / peak RSS`, value: `${round(help.seconds, 2)} s (${round(help.cpuSeconds, 2)} s) / ${help.peakMb} MB`, goal: '< 0.5 s', met: help.seconds < 0.5 },
        {
          figure: `Footprint: one sim round trip (你好 and the reply) on ${where}, existing data; wall time (CPU time) / peak RSS (first run on a new one: ${round(first.seconds, 1)} s / ${first.peakMb} MB)`,
          value: `${round(again.seconds, 2)} s (${round(again.cpuSeconds, 2)} s) / ${again.peakMb} MB`,
          goal: '< 1.5 s',
          met: again.seconds < 1.5,
        },
      ];
    } finally {
      if (databaseUrl) {
        const admin = await openDatabase({ dataDir, databaseUrl });
        await admin.db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.close();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
