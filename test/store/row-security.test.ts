import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureArea, ensureChildren } from '../../src/store/areas.ts';
import type { Queryable } from '../../src/store/db.ts';
import { createPerson } from '../../src/store/persons.ts';
import { ensureStaff } from '../../src/store/staff.ts';
import { readAsStaff, readScopeOf, type ReadScope } from '../../src/store/staff-reads.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * Row-level security (migration 028): inside `readAsStaff` a query that reads a personal table
 * without any filter returns only the rows of the asking staff member's scope.
 */
let t: TestDatabase;
const people = { a: [] as number[], b: [] as number[], unplaced: 0, elsewhere: 0 };
let managerOfA = 0;
let managerOfB = 0;
let committee = 0;
let areaOfA = 0;
let areaOfB = 0;

/** A resident with everything Linli keeps about one: where they live, their form, a check-in, a search key, a list they are on. */
async function resident(name: string, room: number | null, rosterArea: number | null): Promise<number> {
  const personId = await createPerson(t.db, t.cipher, { name, phone: `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` });
  if (room !== null) await t.db.query(`INSERT INTO occupancies (person_id, room_id, role) VALUES ($1, $2, 'owner')`, [personId, room]);
  const [report] = await t.db.query<{ id: number }>(
    `INSERT INTO reports (form_id, form_version, person_id, answers_enc, answers_masked) VALUES ('registration', 1, $1, $2, '{}'::jsonb) RETURNING id`,
    [personId, t.cipher.encrypt('{}')],
  );
  const [observation] = await t.db.query<{ id: number }>(
    `INSERT INTO observations (person_id, starts_on, ends_on, source) VALUES ($1, '2026-03-01', '2026-03-14', 'staff') RETURNING id`,
    [personId],
  );
  await t.db.query(`INSERT INTO checkins (observation_id, person_id, day) VALUES ($1, $2, '2026-03-02')`, [observation?.id, personId]);
  await t.db.query(`INSERT INTO help_requests (person_id, topic) VALUES ($1, 'medicine')`, [personId]);
  await t.db.query(`INSERT INTO find_keys (person_id, keys) VALUES ($1, ARRAY[$1]::bigint[])`, [personId]);
  const [account] = await t.db.query<{ id: number }>(
    `INSERT INTO accounts (person_id, platform, platform_user_id, display_name) VALUES ($1, 'sandbox', $2, $3) RETURNING id`,
    [personId, `u${personId}`, name],
  );
  await t.db.query(`INSERT INTO audit_log (action, subject_person_id) VALUES ('read', $1)`, [personId]);
  const [roster] = await t.db.query<{ id: number }>(
    `INSERT INTO rosters (owner_person_id, kind, name, area_id) VALUES ($1, 'landlord', $2, $3) RETURNING id`,
    [personId, name, rosterArea],
  );
  const [version] = await t.db.query<{ id: number }>(`INSERT INTO roster_versions (roster_id, version) VALUES ($1, 1) RETURNING id`, [roster?.id]);
  await t.db.query(`INSERT INTO roster_entries (version_id, line_no, name, action) VALUES ($1, 1, $2, 'add')`, [version?.id, `${name}的租客`]);
  void report;
  void account;
  return personId;
}

beforeAll(async () => {
  t = await openTestDatabase();
  const community = await ensureArea(t.db, { parentId: null, kind: 'community', name: '幸福社区' });
  areaOfA = await ensureArea(t.db, { parentId: community, kind: 'site', siteKind: 'compound', name: '甲小区' });
  areaOfB = await ensureArea(t.db, { parentId: community, kind: 'site', siteKind: 'compound', name: '乙小区' });
  const buildingA = await ensureArea(t.db, { parentId: areaOfA, kind: 'building', name: '1栋' });
  const buildingB = await ensureArea(t.db, { parentId: areaOfB, kind: 'building', name: '1栋' });
  const roomsA = await ensureChildren(t.db, buildingA, 'room', ['101', '102']);
  const roomsB = await ensureChildren(t.db, buildingB, 'room', ['101', '102']);
  for (const [index, room] of [...roomsA.values()].entries()) people.a.push(await resident(`甲${index}`, room, null));
  for (const [index, room] of [...roomsB.values()].entries()) people.b.push(await resident(`乙${index}`, room, areaOfB));
  // Known to B only through the registry of B: B's, not A's.
  const listed = await createPerson(t.db, t.cipher, { name: '乙登记' });
  await t.db.query(
    `INSERT INTO registry_entries (source, row_key, fingerprint, site_id, person_id, name) VALUES ('door', 'r1', 'f1', $1, $2, '乙登记')`,
    [areaOfB, listed],
  );
  people.b.push(listed);
  people.unplaced = await resident('无处', null, null);
  // A second community: its committee's staff are community-wide, but only over their own.
  const elsewhere = await ensureArea(t.db, { parentId: null, kind: 'community', name: '另一社区' });
  const otherSite = await ensureArea(t.db, { parentId: elsewhere, kind: 'site', siteKind: 'compound', name: '丙小区' });
  const otherRooms = await ensureChildren(t.db, await ensureArea(t.db, { parentId: otherSite, kind: 'building', name: '1栋' }), 'room', ['101']);
  people.elsewhere = await resident('丙住户', [...otherRooms.values()][0] ?? null, null);
  managerOfA = await createPerson(t.db, t.cipher, { name: '甲物业' });
  managerOfB = await createPerson(t.db, t.cipher, { name: '乙物业' });
  committee = await createPerson(t.db, t.cipher, { name: '李主任' });
  await ensureStaff(t.db, { personId: managerOfA, role: 'property_manager', areaId: areaOfA });
  await ensureStaff(t.db, { personId: managerOfB, role: 'property_manager', areaId: areaOfB });
  await ensureStaff(t.db, { personId: committee, role: 'committee', areaId: community });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function scopeOf(personId: number): Promise<ReadScope> {
  const scope = await readScopeOf(t.db, personId);
  if (!scope) throw new Error(`${personId} is not staff`);
  return scope;
}

/** `work` run as the staff member, in a transaction rolled back afterwards. */
async function asStaff<T>(scope: ReadScope, work: (q: Queryable) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await t.db
    .transaction(async (tx) => {
      result = await readAsStaff(tx, scope, work);
      throw new Error('rolled back');
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error && error.message === 'rolled back')) throw error;
    });
  return result as T;
}

const personIdsIn = async (q: Queryable, sql: string) => (await q.query<{ person_id: number }>(sql)).map((row) => row.person_id).sort((x, y) => x - y);
const sorted = (ids: number[]) => [...ids].sort((x, y) => x - y);

/** Every personal table, read with no filter at all, as the persons its rows are about. */
const unfiltered: Record<string, string> = {
  persons: 'SELECT id AS person_id FROM persons',
  occupancies: 'SELECT person_id FROM occupancies',
  registry_entries: 'SELECT person_id FROM registry_entries',
  accounts: 'SELECT person_id FROM accounts',
  reports: 'SELECT person_id FROM reports',
  observations: 'SELECT person_id FROM observations',
  checkins: 'SELECT person_id FROM checkins',
  help_requests: 'SELECT person_id FROM help_requests',
  find_keys: 'SELECT person_id FROM find_keys',
  audit_log: 'SELECT subject_person_id AS person_id FROM audit_log',
  rosters: 'SELECT owner_person_id AS person_id FROM rosters',
  roster_versions: 'SELECT r.owner_person_id AS person_id FROM roster_versions v, rosters r WHERE r.id = v.roster_id',
  roster_entries: `SELECT (SELECT owner_person_id FROM rosters r JOIN roster_versions v ON v.roster_id = r.id WHERE v.id = e.version_id) AS person_id FROM roster_entries e`,
};

describe('a property manager of compound A, reading without a filter', () => {
  for (const [table, sql] of Object.entries(unfiltered)) {
    it(`sees only A's people in ${table}`, async () => {
      const seen = await asStaff(await scopeOf(managerOfA), (q) => personIdsIn(q, sql));
      const expected = table === 'persons' ? [...people.a, managerOfA] : table === 'registry_entries' ? [] : people.a;
      expect(seen).toEqual(sorted(expected));
    });
  }

  it("sees B's roster entries nowhere, even joined through another table", async () => {
    const rows = await asStaff(await scopeOf(managerOfA), (q) =>
      q.query(`SELECT e.name FROM roster_entries e JOIN roster_versions v ON v.id = e.version_id JOIN rosters r ON r.id = v.roster_id WHERE r.area_id = $1`, [areaOfB]),
    );
    expect(rows).toEqual([]);
  });

  it("B's manager sees B's people, the one known from B's registry among them", async () => {
    const seen = await asStaff(await scopeOf(managerOfB), (q) => personIdsIn(q, unfiltered.persons ?? ''));
    expect(seen).toEqual(sorted([...people.b, managerOfB]));
  });

  it("the committee of the community sees all of it, the people of no known place too, and not another community's", async () => {
    const seen = await asStaff(await scopeOf(committee), (q) => personIdsIn(q, 'SELECT person_id FROM reports'));
    expect(seen).toEqual(sorted([...people.a, ...people.b.slice(0, 2), people.unplaced]));
    expect(seen).not.toContain(people.elsewhere);
  });
});

describe('without a scope', () => {
  it('an empty scope sees nothing, not everything', async () => {
    const empty: ReadScope = { personId: 0, areaIds: [], communityWide: false };
    for (const sql of Object.values(unfiltered)) {
      expect(await asStaff(empty, (q) => personIdsIn(q, sql))).toEqual([]);
    }
  });

  it('the staff role with no scope set at all sees nothing', async () => {
    let seen: number[] = [];
    await t.db
      .transaction(async (tx) => {
        await tx.query("SELECT set_config('role', 'linli_staff', true)");
        seen = await personIdsIn(tx, 'SELECT id AS person_id FROM persons');
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(seen).toEqual([]);
  });

  it('after the scoped read, the transaction is the owner again and reads everything', async () => {
    const scope = await scopeOf(managerOfA);
    const counts = await t.db.transaction(async (tx) => {
      const inside = await readAsStaff(tx, scope, async (q) => (await q.query('SELECT id FROM persons')).length);
      const after = (await tx.query('SELECT id FROM persons')).length;
      return { inside, after };
    });
    expect(counts.inside).toBe(people.a.length + 1);
    expect(counts.after).toBeGreaterThan(counts.inside);
  });
});

describe("a person's places follow where they live", () => {
  it("moving from A to B moves them out of A's scope and into B's", async () => {
    const mover = people.a[0] ?? 0;
    const [roomB] = await t.db.query<{ id: number }>(`SELECT id FROM areas WHERE parent_id = (SELECT id FROM areas WHERE parent_id = $1) ORDER BY id LIMIT 1`, [areaOfB]);
    await t.db.query(`UPDATE occupancies SET until = '2026-03-01' WHERE person_id = $1`, [mover]);
    await t.db.query(`INSERT INTO occupancies (person_id, room_id, role) VALUES ($1, $2, 'tenant')`, [mover, roomB?.id]);
    const seenByA = await asStaff(await scopeOf(managerOfA), (q) => personIdsIn(q, unfiltered.persons ?? ''));
    const seenByB = await asStaff(await scopeOf(managerOfB), (q) => personIdsIn(q, unfiltered.persons ?? ''));
    expect(seenByA).not.toContain(mover);
    expect(seenByB).toContain(mover);
  });
});

describe('every table that holds personal data', () => {
  /** Tables that name a person or an account but hold nothing of theirs: who is staff, who wrote a notice. */
  const notPersonal = new Set(['staff', 'campaigns', 'notices', 'digest_sends', 'find_stale', 'registry_import_asks']);

  it('has row-level security, so that a table a later migration adds cannot be read by staff unnoticed', async () => {
    const rows = await t.db.query<{ table_name: string; secured: boolean }>(
      `SELECT c.relname AS table_name, c.relrowsecurity AS secured
       FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
         AND (a.attname ~ '(^|_)person_id$' OR a.attname ~ '_enc$' OR a.attname ~ 'account_id$' OR a.attname = 'answered_by')
       GROUP BY 1, 2 ORDER BY 1`,
    );
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((row) => !row.secured && !notPersonal.has(row.table_name)).map((row) => row.table_name)).toEqual([]);
  });
});
