/**
 * Digest: one staff member's digest (numbers, lists, and the tallies per building that the chart
 * and the workbook use) over a community of generated residents in 400 grids: the committee's,
 * community-wide, and a grid worker's. Seconds, as the daily push and 日报 wait for it.
 */
import type { FieldCipher } from '../src/privacy/index.ts';
import type { Db } from '../src/store/db.ts';
import { staffDigestReport } from '../src/reports/staff-digest.ts';
import { benchToday, startBenchLinli } from './support.ts';
import { round, type Benchmark, type BenchLine } from './table.ts';

const sites = 100;
const buildingsPerSite = 20;
const grids = 400;
const personsPerRoom = 4;

interface Community {
  committee: number;
  gridWorker: number;
}

/** A community of `persons` registered residents, four to a room, its 2,000 buildings in 400 grids. */
export async function generateCommunity(db: Db, persons: number): Promise<Community> {
  const one = async (sql: string, params: unknown[] = []) => Number((await db.query<{ id: number }>(sql, params))[0]?.id);
  // The places were set up weeks ago and each resident moved in when they registered: yesterday's
  // coverage, which the census compares against, is then counted over the whole community as today's.
  const community = await one("INSERT INTO areas (kind, name, created_at) VALUES ('community', '基准社区', now() - interval '60 days') RETURNING id");
  await db.query(
    `INSERT INTO areas (parent_id, kind, site_kind, name, created_at)
     SELECT $1, 'site', 'compound', '小区' || g, now() - interval '60 days' FROM generate_series(1, $2) g`,
    [community, sites],
  );
  await db.query(
    `INSERT INTO areas (parent_id, kind, name, created_at)
     SELECT s.id, 'building', g || '栋', now() - interval '60 days' FROM areas s, generate_series(1, $2) g WHERE s.parent_id = $1`,
    [community, buildingsPerSite],
  );
  const roomsPerBuilding = Math.ceil(persons / personsPerRoom / (sites * buildingsPerSite));
  await db.query(
    `INSERT INTO areas (parent_id, kind, name, created_at)
     SELECT b.id, 'room', (100 + g)::text, now() - interval '60 days' FROM areas b JOIN areas s ON s.id = b.parent_id, generate_series(1, $2) g
     WHERE s.parent_id = $1 AND b.kind = 'building'`,
    [community, roomsPerBuilding],
  );
  await db.query(`INSERT INTO grids (community_id, name) SELECT $1, '第' || g || '网格' FROM generate_series(1, $2) g`, [community, grids]);
  await db.query(
    `INSERT INTO grid_areas (grid_id, area_id)
     SELECT gr.id, b.id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM areas WHERE kind = 'building') b
     JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM grids WHERE community_id = $1) gr ON gr.n = 1 + (b.n % $2)`,
    [community, grids],
  );
  await db.query(`INSERT INTO persons (name) SELECT '居民' || g FROM generate_series(1, $1) g`, [persons]);
  await db.query(
    `WITH rooms AS (SELECT array_agg(id ORDER BY id) AS ids FROM areas WHERE kind = 'room')
     INSERT INTO occupancies (person_id, room_id, role, created_at)
     SELECT p.id, rooms.ids[1 + (p.id % array_length(rooms.ids, 1))], 'owner', now() - interval '1 day' * (p.id % 30 + 1) FROM persons p, rooms`,
  );
  await db.query(
    `INSERT INTO reports (form_id, form_version, person_id, answers_enc, answers_masked, created_at)
     SELECT 'registration', 1, id, 'x', '{}'::jsonb, now() - interval '1 day' * (id % 30 + 1) FROM persons`,
  );
  const committee = await one("INSERT INTO persons (name) VALUES ('李主任') RETURNING id");
  await db.query("INSERT INTO staff (person_id, role, area_id) VALUES ($1, 'committee', $2)", [committee, community]);
  const gridWorker = await one("INSERT INTO persons (name) VALUES ('郑网格') RETURNING id");
  await db.query(
    "INSERT INTO staff (person_id, role, grid_id) SELECT $1, 'grid_worker', min(id) FROM grids WHERE community_id = $2",
    [gridWorker, community],
  );
  // As autovacuum would after such a load: the visibility map lets the digest read indexes alone.
  await db.query('VACUUM ANALYZE');
  return { committee, gridWorker };
}

/** Seconds for one digest, the second of two runs (the first warms the caches). */
async function timeDigest(db: Db, cipher: FieldCipher, personId: number): Promise<{ seconds: number; registered: number }> {
  let seconds = 0;
  let registered = 0;
  for (let run = 0; run < 2; run += 1) {
    const started = performance.now();
    const report = await db.transaction((tx) =>
      staffDigestReport(tx, cipher, { personId, day: benchToday(), timeZone: 'Asia/Shanghai', now: new Date() }),
    );
    seconds = (performance.now() - started) / 1000;
    registered = report?.digest.residents.total ?? 0;
  }
  return { seconds, registered };
}

export const benchmark: Benchmark = {
  async run({ quick, progress }) {
    const sizes = quick ? [5_000, 20_000] : [100_000, 800_000];
    const lines: BenchLine[] = [];
    for (const persons of sizes) {
      const linli = await startBenchLinli({ workers: false });
      try {
        progress(`generating ${round(persons)} residents`);
        const community = await generateCommunity(linli.deps.db, persons);
        const isGoal = persons === 800_000;
        for (const [who, personId] of [['the committee, community-wide', community.committee], ['a grid worker, one grid of 400', community.gridWorker]] as const) {
          progress(`the digest of ${who}`);
          const { seconds, registered } = await timeDigest(linli.deps.db, linli.deps.cipher, personId);
          lines.push({
            figure: `Digest: ${who}, over ${round(persons)} persons (${round(registered)} in scope), seconds`,
            value: round(seconds, 2),
            goal: isGoal ? '< 2 s' : '',
            met: isGoal ? seconds < 2 : null,
          });
        }
      } finally {
        await linli.close();
      }
    }
    return lines;
  },
};
