/**
 * Finding a person among many: `npx tsx bench/find.ts [persons]` (default 1,000,000) loads made-up
 * persons through the registry import, then times 300 searches of every kind (a name, a name and a
 * phone tail, a slipped phone, an ID fragment, an address, a surname alone, nobody) and prints the
 * median and the 95th percentile. On Postgres with DATABASE_URL set; else embedded, in memory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importRegistryFile } from '../src/jobs/registry-import.ts';
import { findPersons } from '../src/store/find.ts';
import { benchPerson, median, openBenchStore, percentile, setUpSites, siteName, writeRegistryCsvs } from './registry-setup.ts';

const PERSONS = Number(process.argv[2] ?? 1_000_000);
const SEARCHES = 300;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-find-'));
const bench = await openBenchStore();
try {
  const sites = await setUpSites(bench, PERSONS);
  const files = writeRegistryCsvs(dir, PERSONS, sites);
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (const [index, file] of files.entries()) {
    await importRegistryFile(bench.handle.db, bench.cipher, file, { source: 'bench', site: siteName(index), today: '2026-03-05' });
  }
  const queries: string[] = [];
  for (let i = 0; i < SEARCHES; i++) {
    const person = benchPerson(1 + ((i * 104_729) % PERSONS), sites);
    const slipped = `${person.phone.slice(0, 9)}${person.phone.charAt(10)}${person.phone.charAt(9)}`;
    const kinds = [
      person.name,
      `${person.name} ${person.phone.slice(-4)}`,
      slipped,
      person.idNumber.slice(-6),
      `${person.name.charAt(0)} ${person.address}`,
      person.name.charAt(0),
      `司马光 ${String(i).padStart(4, '0')}`,
    ];
    queries.push(kinds[i % kinds.length] ?? person.name);
  }
  const timings: number[] = [];
  for (const query of queries) {
    const started = process.hrtime.bigint();
    await bench.handle.db.transaction((tx) =>
      findPersons(tx, bench.cipher, { query, lang: 'zh-CN', limit: 10, scope: { kind: 'all' }, actor: { personId: null, via: 'cli', by: 'bench' } }),
    );
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  process.stdout.write(
    `${PERSONS} persons, ${SEARCHES} searches: median ${median(timings).toFixed(1)} ms, p95 ${percentile(timings, 0.95).toFixed(1)} ms, slowest ${Math.max(...timings).toFixed(1)} ms\n`,
  );
} finally {
  await bench.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
