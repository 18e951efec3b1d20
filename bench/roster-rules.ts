/** Roster rules, rows per second: the benchmark of bench/roster-parse.ts in the table. */
import { measureRosterRules } from './roster-parse.ts';
import { round, type Benchmark } from './table.ts';

const goal = 20_000;

export const benchmark: Benchmark = {
  async run({ quick, progress }) {
    const rows = quick ? 5_000 : 20_000;
    progress(`${rows} generated tenant lines`);
    const { wall, cpu, parsed } = measureRosterRules(rows);
    return [
      { figure: `Roster rules: ${round(rows)} tenant lines (${round(parsed)} read), rows/s`, value: `${round(wall)} (${round(cpu)} per CPU second)`, goal: `> ${round(goal)}`, met: wall > goal },
    ];
  },
};
