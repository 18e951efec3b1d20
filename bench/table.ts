/**
 * What a benchmark reports, and how the table runner (bench/run.ts) finds it: a file of bench/
 * that exports `benchmark` is one block of the table. A block whose file does not exist yet is
 * printed as "not built", so that a feature's benchmark plugs in by adding its file.
 */

/** One line of the table: a figure measured in this run, its goal, and whether it is met. */
export interface BenchLine {
  figure: string;
  value: string;
  goal: string;
  /** null when there is no goal for the line (a context figure, such as the baseline). */
  met: boolean | null;
}

export interface BenchContext {
  quick: boolean;
  /** Progress, for the person watching; never part of the table. */
  progress(text: string): void;
}

export interface Benchmark {
  run(context: BenchContext): Promise<BenchLine[]>;
}

/** The blocks of the table in the order of the benchmark issue: the file each is in, and its goals. */
export const tableBlocks: readonly { file: string; title: string; goal: string }[] = [
  { file: 'inbound', title: 'Inbound throughput', goal: '≥ 0.5 of the baseline; p99 < 100 ms' },
  { file: 'digest', title: 'Digest', goal: '< 2 s at 800,000 persons' },
  { file: 'registry', title: 'Registry import and cross-check of 800,000 rows', goal: '< 60 s' },
  { file: 'find', title: 'Find over 1,000,000 persons, typo\'d queries', goal: 'p95 < 50 ms' },
  { file: 'roster-rules', title: 'Roster rules', goal: '> 20,000 rows/s' },
  { file: 'broadcast', title: 'Broadcast to 1,000 chats through the outbox', goal: '≥ 0.9 of the ceiling, no duplicates' },
  { file: 'footprint', title: 'Footprint', goal: '--help < 0.5 s; sim < 1.5 s; bot < 300 MB (Postgres), < 400 MB (embedded)' },
];

/** The p-th percentile (0-100) of some numbers, by the nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** The most memory this process has held so far, in MB. */
export const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

export const round = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
