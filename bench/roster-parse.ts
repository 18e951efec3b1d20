/**
 * How fast the rules parse rosters: generated well-formed tenant lines in every layout, in
 * messages of 50 lines, as landlords paste them. Run with `npx tsx bench/roster-parse.ts [rows]`; `npm run bench` has it in its table.
 */

import fc from 'fast-check';
import { parseRosterRules } from '../src/dialogs/roster/rules.ts';
import { layout, tenant, tenantLine } from '../test/dialogs/roster/generate.ts';

const LINES_PER_MESSAGE = 50;
const TODAY = '2026-03-05';
const ROUNDS = 5;

// The median round: one round slowed by a neighbour or a garbage collection does not decide.
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Rows per second over `rows` generated lines: by the wall clock, and per CPU second of this parser's own. */
export function measureRosterRules(rows: number): { wall: number; cpu: number; parsed: number; lines: number } {
  const lines = fc
    .sample(fc.tuple(tenant, layout), { numRuns: rows, seed: 42 })
    .map(([t, style], i) => tenantLine(t, style, i % LINES_PER_MESSAGE));
  const messages: string[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_MESSAGE) messages.push(lines.slice(i, i + LINES_PER_MESSAGE).join('\n'));

  // A first pass warms the regular expressions and the JIT up.
  for (const message of messages.slice(0, 20)) parseRosterRules(message, TODAY);

  const rates: { wall: number; cpu: number }[] = [];
  let parsed = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    parsed = 0;
    for (const message of messages) parsed += parseRosterRules(message, TODAY).entries.length;
    const cpu = process.cpuUsage(cpuBefore);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // On a shared machine the wall clock counts other processes' turns too; the CPU time is this parser's own.
    rates.push({ wall: parsed / seconds, cpu: parsed / ((cpu.user + cpu.system) / 1e6) });
  }
  return { wall: median(rates.map((r) => r.wall)), cpu: median(rates.map((r) => r.cpu)), parsed, lines: lines.length };
}

if (import.meta.filename === process.argv[1]) {
  const result = measureRosterRules(Number(process.argv[2] ?? 20_000));
  process.stdout.write(
    `${result.parsed} of ${result.lines} rows, median of ${ROUNDS} rounds: ${Math.round(result.wall)} rows/s ` +
      `(${Math.round(result.cpu)} rows per CPU second)\n`,
  );
}
