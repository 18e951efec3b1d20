/**
 * Import and cross-check of a registry: writes the registry as .csv files (one per compound),
 * imports them, imports them again (nothing may change), and reads the committee's census
 * (coverage and cross-checks) of the whole community. One block of `npm run bench` (800,000 rows;
 * 20,000 with --quick), or alone: `npx tsx bench/registry.ts [rows]`. On Postgres with DATABASE_URL
 * set; else on the embedded database in memory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { importRegistryFile } from '../src/jobs/registry-import.ts';
import { censusOf } from '../src/reports/census.ts';
import { digestScopeOf } from '../src/store/digest-scope.ts';
import { localDay } from '../src/time.ts';
import { openBenchStore, setUpSites, siteName, writeRegistryCsvs } from './registry-setup.ts';
import { peakRssMb, round, type Benchmark, type BenchLine } from './table.ts';

interface RegistryFigures {
  rows: number;
  added: number;
  importSeconds: number;
  unchanged: number;
  againSeconds: number;
  censusSeconds: number;
  roomsKnown: number;
  notRegistered: number;
  peakMb: number;
}

async function measure(rows: number, progress: (text: string) => void): Promise<RegistryFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-registry-'));
  const bench = await openBenchStore();
  const since = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
  try {
    const sites = await setUpSites(bench, rows);
    const files = writeRegistryCsvs(dir, rows, sites);
    await new Promise((resolve) => setTimeout(resolve, 200));
    progress(`importing ${round(rows)} rows`);
    const importing = process.hrtime.bigint();
    let added = 0;
    for (const [index, file] of files.entries()) {
      const report = await importRegistryFile(bench.handle.db, bench.cipher, file, { source: 'bench', site: siteName(index), today: '2026-03-05' });
      added += report.added;
    }
    const importSeconds = since(importing);
    progress('importing them again');
    const again = process.hrtime.bigint();
    let unchanged = 0;
    for (const [index, file] of files.entries()) {
      unchanged += (await importRegistryFile(bench.handle.db, bench.cipher, file, { source: 'bench', site: siteName(index), today: '2026-03-05' })).unchanged;
    }
    const againSeconds = since(again);
    const [staff] = await bench.handle.db.query<{ person_id: number }>('SELECT person_id FROM staff LIMIT 1');
    const scope = staff ? await digestScopeOf(bench.handle.db, staff.person_id) : undefined;
    if (!scope) throw new Error('no staff');
    progress('the census of the community');
    const checking = process.hrtime.bigint();
    // Today in the community's time zone: the rooms made a moment ago are known by the end of it.
    const census = await censusOf(bench.handle.db, scope, { day: localDay(new Date(), 'Asia/Shanghai'), timeZone: 'Asia/Shanghai' });
    return {
      rows,
      added,
      importSeconds,
      unchanged,
      againSeconds,
      censusSeconds: since(checking),
      roomsKnown: census.coverage.roomsKnown,
      notRegistered: census.registry?.withoutRegistration.length ?? 0,
      peakMb: peakRssMb(),
    };
  } finally {
    await bench.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  async run({ quick, progress }) {
    const figures = await measure(quick ? 20_000 : 800_000, progress);
    const isGoal = figures.rows === 800_000;
    const total = figures.importSeconds + figures.censusSeconds;
    const lines: BenchLine[] = [
      {
        figure: `Registry: import and cross-check of ${round(figures.rows)} rows (${round(figures.added)} added, census of ${round(figures.roomsKnown)} rooms), seconds`,
        value: round(total, 1),
        goal: isGoal ? '< 60 s' : '',
        met: isGoal ? total < 60 : null,
      },
      { figure: 'Registry: of which the import, seconds', value: round(figures.importSeconds, 1), goal: '', met: null },
      { figure: 'Registry: of which the census (coverage and cross-checks), seconds', value: round(figures.censusSeconds, 1), goal: '', met: null },
      {
        figure: `Registry: the same files again (${round(figures.unchanged)} rows unchanged), seconds`,
        value: round(figures.againSeconds, 1),
        goal: 'nothing changes',
        met: figures.unchanged === figures.rows,
      },
      { figure: 'Registry: peak memory, MB', value: round(figures.peakMb), goal: '', met: null },
    ];
    return lines;
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await measure(Number(process.argv[2] ?? 800_000), (text) => process.stderr.write(`${text}\n`));
  process.stdout.write(
    `${figures.rows} rows: imported ${figures.added} in ${figures.importSeconds.toFixed(1)} s, again (${figures.unchanged} unchanged) in ${figures.againSeconds.toFixed(1)} s; ` +
      `census of the community in ${figures.censusSeconds.toFixed(1)} s (${figures.roomsKnown} rooms, ${figures.notRegistered} not registered); ` +
      `peak memory ${figures.peakMb} MB\n`,
  );
}
