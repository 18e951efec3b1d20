/**
 * Import and cross-check of a registry: `npx tsx bench/registry.ts [rows]` (default 800,000) writes
 * the registry as .csv files (one per compound), imports them, imports them again (nothing may
 * change), and reads the committee's census (coverage and cross-checks) of the whole community.
 * On Postgres with DATABASE_URL set; else on the embedded database in memory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importRegistryFile } from '../src/jobs/registry-import.ts';
import { censusOf } from '../src/reports/census.ts';
import { digestScopeOf } from '../src/store/digest-scope.ts';
import { openBenchStore, setUpSites, siteName, writeRegistryCsvs } from './registry-setup.ts';

const ROWS = Number(process.argv[2] ?? 800_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-registry-'));
const bench = await openBenchStore();
const seconds = (from: bigint) => (Number(process.hrtime.bigint() - from) / 1e9).toFixed(1);
try {
  const sites = await setUpSites(bench, ROWS);
  const files = writeRegistryCsvs(dir, ROWS, sites);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const importing = process.hrtime.bigint();
  let added = 0;
  for (const [index, file] of files.entries()) {
    const report = await importRegistryFile(bench.handle.db, bench.cipher, file, { source: 'bench', site: siteName(index), today: '2026-03-05' });
    added += report.added;
  }
  const importSeconds = seconds(importing);
  const again = process.hrtime.bigint();
  let unchanged = 0;
  for (const [index, file] of files.entries()) {
    unchanged += (await importRegistryFile(bench.handle.db, bench.cipher, file, { source: 'bench', site: siteName(index), today: '2026-03-05' })).unchanged;
  }
  const againSeconds = seconds(again);
  const [staff] = await bench.handle.db.query<{ person_id: number }>('SELECT person_id FROM staff LIMIT 1');
  const scope = staff ? await digestScopeOf(bench.handle.db, staff.person_id) : undefined;
  if (!scope) throw new Error('no staff');
  const checking = process.hrtime.bigint();
  const census = await censusOf(bench.handle.db, scope, { day: new Date().toISOString().slice(0, 10), timeZone: 'Asia/Shanghai' });
  process.stdout.write(
    `${ROWS} rows in ${sites} compounds: imported ${added} in ${importSeconds} s, again (${unchanged} unchanged) in ${againSeconds} s; ` +
      `census of the community in ${seconds(checking)} s (${census.coverage.roomsKnown} rooms, ${census.registry?.withoutRegistration.length ?? 0} not registered); ` +
      `peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`,
  );
} finally {
  await bench.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
