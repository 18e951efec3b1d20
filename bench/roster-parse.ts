/**
 * How fast the rules parse rosters: generated well-formed tenant lines in every layout, in
 * messages of 50 lines, as landlords paste them. Run with `npx tsx bench/roster-parse.ts [rows]`.
 */

import fc from 'fast-check';
import { parseRosterRules } from '../src/dialogs/roster/rules.ts';
import { layout, tenant, tenantLine } from '../test/dialogs/roster/generate.ts';

const ROWS = Number(process.argv[2] ?? 20_000);
const LINES_PER_MESSAGE = 50;
const TODAY = '2026-03-05';

const lines = fc
  .sample(fc.tuple(tenant, layout), { numRuns: ROWS, seed: 42 })
  .map(([t, style], i) => tenantLine(t, style, i % LINES_PER_MESSAGE));
const messages: string[] = [];
for (let i = 0; i < lines.length; i += LINES_PER_MESSAGE) messages.push(lines.slice(i, i + LINES_PER_MESSAGE).join('\n'));

// A first pass warms the regular expressions and the JIT up.
for (const message of messages.slice(0, 20)) parseRosterRules(message, TODAY);

const ROUNDS = 5;
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
// The median round: one round slowed by a neighbour or a garbage collection does not decide.
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

process.stdout.write(
  `${parsed} of ${lines.length} rows, median of ${ROUNDS} rounds: ${Math.round(median(rates.map((r) => r.wall)))} rows/s ` +
    `(${Math.round(median(rates.map((r) => r.cpu)))} rows per CPU second)\n`,
);
