/**
 * `npm run bench`: every benchmark of bench/, each in a process of its own, against the configured
 * database and queue (DATABASE_URL and REDIS_URL when set, else the embedded default), printed as
 * one table: the figure, the goal, and whether it is met.
 *
 *   npm run bench                   the full sizes
 *   npm run bench -- --quick        small sizes, under two minutes
 *   npm run bench -- --json         the table as JSON
 *   npm run bench -- --only digest,broadcast
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { tableBlocks, type BenchLine } from './table.ts';

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (options.help) {
  process.stdout.write(
    [
      'npm run bench [-- options]: every block of bench/ in a process of its own, printed as one table',
      '  --quick          small sizes, under two minutes',
      '  --json           the table as JSON',
      `  --only a,b       only these blocks (${tableBlocks.map((block) => block.file).join(', ')})`,
      'A block alone: npx tsx bench/<block>.ts (registry and find take a size: bench/find.ts 100000)',
      '',
    ].join('\n'),
  );
  process.exit(0);
}
const only = options.only?.split(',').map((name) => name.trim());

const lineSchema = z.object({ figure: z.string(), value: z.string(), goal: z.string(), met: z.boolean().nullable() });

interface Block {
  file: string;
  title: string;
  status: 'measured' | 'not built' | 'failed';
  seconds: number;
  lines: BenchLine[];
  problem?: string;
}

function runChild(file: string): Promise<{ lines: BenchLine[] } | { problem: string }> {
  return new Promise((resolve) => {
    const args = ['--import', 'tsx', path.join(import.meta.dirname, 'child.ts'), file, ...(options.quick ? ['--quick'] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('exit', (code) => {
      const last = stdout.trimEnd().split('\n').at(-1) ?? '';
      try {
        resolve({ lines: z.array(lineSchema).parse(JSON.parse(last)) });
      } catch {
        resolve({ problem: `exited with ${code ?? 'a signal'} without a table` });
      }
    });
  });
}

const machine = {
  cpus: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
  memoryGb: Math.round(os.totalmem() / 1024 ** 3),
  loadAverageAtStart: os.loadavg().map((value) => Math.round(value * 10) / 10),
  node: process.version,
};
const setup = {
  sizes: options.quick ? 'quick' : 'full',
  database: process.env.DATABASE_URL ? 'Postgres (DATABASE_URL)' : 'embedded (PGlite)',
  queue: process.env.REDIS_URL ? 'Redis (REDIS_URL)' : 'BullMQ on the database',
};

const blocks: Block[] = [];
for (const block of tableBlocks) {
  if (only && !only.includes(block.file)) continue;
  if (!fs.existsSync(path.join(import.meta.dirname, `${block.file}.ts`))) {
    blocks.push({ ...block, status: 'not built', seconds: 0, lines: [{ figure: block.title, value: 'not built', goal: block.goal, met: null }] });
    continue;
  }
  process.stderr.write(`${block.title}...\n`);
  const started = performance.now();
  const result = await runChild(block.file);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  if ('problem' in result) {
    blocks.push({ ...block, status: 'failed', seconds, problem: result.problem, lines: [{ figure: block.title, value: `failed: ${result.problem}`, goal: block.goal, met: false }] });
  } else {
    blocks.push({ ...block, status: 'measured', seconds, lines: result.lines });
  }
}

const metWord = (met: boolean | null) => (met === null ? '' : met ? 'yes' : 'NO');

if (options.json) {
  process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), machine, setup, blocks }, null, 2)}\n`);
} else {
  const rows = blocks.flatMap((block) => block.lines.map((line) => [line.figure, line.value, line.goal, metWord(line.met)]));
  const header = ['figure', 'measured', 'goal', 'met?'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (row: readonly string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  process.stdout.write(
    [
      `Linli benchmarks, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${setup.sizes} sizes`,
      `machine: ${machine.cpus}, ${machine.memoryGb} GB, Node ${machine.node}, load average at start ${machine.loadAverageAtStart.join(' ')}`,
      `database: ${setup.database}; queue: ${setup.queue}`,
      '',
      format(header),
      format(widths.map((width) => '-'.repeat(width))),
      ...rows.map(format),
      '',
    ].join('\n'),
  );
}
