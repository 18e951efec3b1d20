import type { Queryable } from './db.ts';
import { idRanges, type DigestScope } from './digest-scope.ts';
import { inScope, type DigestWindow } from './digest-rows.ts';
import { populationOf, type CoverageCounts, type Population, type RoomLine } from './digest-population.ts';

export type { CoverageCounts, RoomLine } from './digest-population.ts';

/**
 * Reverse screening and the registry's cross-checks, read for one staff member's scope as of the
 * end of a day (or now, for today): which rooms are counted, which are not, and where the registry,
 * the registrations and the landlords' lists disagree. Set-based SQL, limited to the scope in SQL;
 * names and rooms only, no ID number or phone is read (phones are compared by their keyed hashes).
 */

export interface PersonLine {
  personId: number;
  name: string | null;
  /** Where: 保利紫山3栋1单元101, or the address as the registry wrote it. */
  place: string | null;
}

export interface TwoAddressesLine extends PersonLine {
  places: string[];
}

export interface StaleRosterLine {
  landlord: string | null;
  list: string | null;
  updatedAt: Date;
}

export interface RegistryCheckRows {
  today: CoverageCounts;
  yesterday: CoverageCounts;
  unregisteredRooms: RoomLine[];
  /** Registry entries in scope: 0 means no registry yet, and the registry's own checks are left out. */
  registryEntries: number;
  registryWithoutRegistration: (PersonLine & { ref: string | null })[];
  registrationsWithoutRegistry: PersonLine[];
  twoAddresses: TwoAddressesLine[];
  phoneDiffers: PersonLine[];
  /** Registered under an ID number the registry lists under another name: a borrowed or mistyped number, or a misspelt name. */
  nameDiffers: PersonLine[];
  tenantsUnlisted: PersonLine[];
  staleRosters: StaleRosterLine[];
}


/** A room's place as one text: site, building, unit, room. */
const roomText = (room: string) => `(SELECT s.name || b.name || coalesce(u.name, '') || r.name
  FROM areas r JOIN areas p ON p.id = r.parent_id
  LEFT JOIN areas u ON u.id = p.id AND p.kind = 'unit'
  JOIN areas b ON b.id = CASE WHEN p.kind = 'unit' THEN p.parent_id ELSE p.id END
  JOIN areas s ON s.id = b.parent_id WHERE r.id = ${room})`;

/** Registered by the end of the window: $3 the window's end. */
const registered = (person: string) =>
  `EXISTS (SELECT 1 FROM reports x WHERE x.person_id = ${person} AND x.form_id = 'registration' AND x.created_at < $3)`;

/** Where each person lives as of the end of the day: $3 the day's end, $4 the day. */
const livesAt = `
  scope_flag AS (SELECT $2::boolean AS unplaced_in_scope),
  lives_at AS (
    SELECT DISTINCT ON (person_id) person_id, room_id, role FROM occupancies
    WHERE created_at < $3 AND (until IS NULL OR until > $4::date) ORDER BY person_id, id DESC)`;

/** The room one person lived in at the end of the day ($3 its end, $4 the day): an index probe (migration 024). */
const roomAtEndOf = (person: string) => `(SELECT occ.room_id FROM occupancies occ
  WHERE occ.person_id = ${person} AND occ.created_at < $3 AND (occ.until IS NULL OR occ.until > $4::date) ORDER BY occ.id DESC LIMIT 1)`;

const nameOf = (person: string) => `coalesce((SELECT name FROM persons WHERE id = ${person}),
  (SELECT name FROM registry_entries WHERE person_id = ${person} ORDER BY id LIMIT 1))`;

type Params = [string, boolean, Date, string];

/** The checks share their parameters; Postgres wants exactly those a statement names. */
function select<T extends Record<string, unknown>>(q: Queryable, sql: string, params: readonly unknown[]): Promise<T[]> {
  const highest = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
  return q.query<T>(sql, params.slice(0, highest));
}

const entryInScope = inScope('coalesce(e.room_id, e.site_id)');

async function registryChecks(q: Queryable, params: Params): Promise<Omit<RegistryCheckRows, 'today' | 'yesterday' | 'unregisteredRooms' | 'tenantsUnlisted' | 'staleRosters'>> {
  const count = await select<{ n: number }>(q, `SELECT count(*)::int AS n FROM registry_entries e WHERE e.imported_at < $3 AND ${entryInScope}`, params);
  const registryEntries = count[0]?.n ?? 0;
  // Without a registry in scope the digest leaves its checks out (registry-digest.ts): not read.
  if (registryEntries === 0) {
    return { registryEntries, registryWithoutRegistration: [], registrationsWithoutRegistry: [], twoAddresses: [], phoneDiffers: [], nameDiffers: [] };
  }
  const withoutRegistration = await select<{ person_id: number; name: string | null; ref: string | null; place: string | null }>(
    q,
    `SELECT DISTINCT ON (e.person_id) e.person_id, e.name, e.ref, coalesce(${roomText('e.room_id')}, e.address) AS place
     FROM registry_entries e
     WHERE e.person_id IS NOT NULL AND e.imported_at < $3 AND ${entryInScope} AND NOT ${registered('e.person_id')}
     ORDER BY e.person_id, e.id`,
    params,
  );
  const withoutEntry = await select<{ person_id: number; name: string | null; place: string | null }>(
    q,
    `WITH ${livesAt}
     SELECT l.person_id, ${nameOf('l.person_id')} AS name, ${roomText('l.room_id')} AS place
     FROM lives_at l
     WHERE ${inScope('l.room_id')} AND ${registered('l.person_id')}
       AND NOT EXISTS (SELECT 1 FROM registry_entries e WHERE e.person_id = l.person_id AND e.imported_at < $3)
     ORDER BY l.person_id`,
    params,
  );
  const twoAddresses = await select<{ person_id: number; name: string | null; places: string[] }>(
    q,
    `WITH ${livesAt},
     places AS (
       SELECT l.person_id, l.room_id FROM lives_at l WHERE l.room_id IS NOT NULL AND ${registered('l.person_id')}
       UNION
       SELECT e.person_id, e.room_id FROM registry_entries e WHERE e.person_id IS NOT NULL AND e.room_id IS NOT NULL AND e.imported_at < $3)
     SELECT person_id, ${nameOf('person_id')} AS name, array_agg(${roomText('room_id')} ORDER BY room_id) AS places
     FROM places GROUP BY person_id
     HAVING count(*) > 1 AND bool_or(room_id <@ $1::int8multirange)
     ORDER BY person_id`,
    params,
  );
  // Phone and name against the registry's, in one pass over the registered: few people, each
  // placed by an index probe rather than the whole community's current rooms.
  const differs = await select<{ person_id: number; name: string | null; place: string | null; phone: boolean; named: boolean }>(
    q,
    `SELECT person_id, name, ${roomText(roomAtEndOf('person_id'))} AS place, phone, named FROM (
       SELECT p.id AS person_id, p.name,
              p.phone_hash IS NOT NULL AND EXISTS (SELECT 1 FROM registry_entries e WHERE e.person_id = p.id AND e.imported_at < $3
                AND e.phone_hash IS NOT NULL AND e.phone_hash <> p.phone_hash AND ${entryInScope}) AS phone,
              p.id_number_hash IS NOT NULL AND p.name IS NOT NULL AND EXISTS (SELECT 1 FROM registry_entries e WHERE e.person_id = p.id
                AND e.imported_at < $3 AND e.id_number_hash = p.id_number_hash AND e.name IS NOT NULL
                AND regexp_replace(e.name, '\\s', '', 'g') <> regexp_replace(p.name, '\\s', '', 'g') AND ${entryInScope}) AS named
       FROM persons p WHERE ${registered('p.id')}) checked
     WHERE phone OR named
     ORDER BY person_id`,
    params,
  );
  const line = (row: (typeof differs)[number]): PersonLine => ({ personId: row.person_id, name: row.name, place: row.place });
  return {
    registryEntries,
    registryWithoutRegistration: withoutRegistration.map((row) => ({ personId: row.person_id, name: row.name, ref: row.ref, place: row.place })),
    registrationsWithoutRegistry: withoutEntry.map((row) => ({ personId: row.person_id, name: row.name, place: row.place })),
    twoAddresses: twoAddresses.map((row) => ({ personId: row.person_id, name: row.name, place: row.places[0] ?? null, places: row.places })),
    phoneDiffers: differs.filter((row) => row.phone).map(line),
    nameDiffers: differs.filter((row) => row.named).map(line),
  };
}

/** Residents registered as tenants whom no landlord's latest list names. */
async function tenantsUnlisted(q: Queryable, params: Params): Promise<PersonLine[]> {
  const rows = await select<{ person_id: number; name: string | null; place: string | null }>(
    q,
    // Only people with a tenant's occupancy by then are looked at: whether it is their latest is one
    // index probe each, where the whole community's occupancies would otherwise be sorted.
    `WITH tenants AS (
       SELECT DISTINCT person_id FROM occupancies WHERE role = 'tenant' AND created_at < $3 AND (until IS NULL OR until > $4::date)),
     lives_at AS (
       SELECT t.person_id, l.room_id, l.role FROM tenants t
       CROSS JOIN LATERAL (SELECT o.room_id, o.role FROM occupancies o WHERE o.person_id = t.person_id AND o.created_at < $3
                           AND (o.until IS NULL OR o.until > $4::date) ORDER BY o.id DESC LIMIT 1) l),
     latest AS (SELECT DISTINCT ON (roster_id) roster_id, id FROM roster_versions WHERE created_at < $3 ORDER BY roster_id, version DESC),
     listed AS (
       SELECT DISTINCT e.person_id FROM latest JOIN rosters r ON r.id = latest.roster_id AND r.kind = 'landlord'
       JOIN roster_entries e ON e.version_id = latest.id AND e.action <> 'remove' WHERE e.person_id IS NOT NULL)
     SELECT l.person_id, ${nameOf('l.person_id')} AS name, ${roomText('l.room_id')} AS place
     FROM lives_at l
     WHERE l.role = 'tenant' AND ${inScope('l.room_id')} AND ${registered('l.person_id')}
       AND NOT EXISTS (SELECT 1 FROM listed WHERE listed.person_id = l.person_id)
     ORDER BY l.person_id`,
    params,
  );
  return rows.map((row) => ({ personId: row.person_id, name: row.name, place: row.place }));
}

/** Days after which a landlord's list that nobody updated is out of date. */
export const staleRosterDays = 30;

/** Landlords' lists last updated before $5 (30 days before the end of the day). */
async function staleRosters(q: Queryable, params: Params): Promise<StaleRosterLine[]> {
  const cutoff = new Date(params[2].getTime() - staleRosterDays * 24 * 60 * 60 * 1000);
  const rows = await select<{ landlord: string | null; list: string | null; updated_at: Date }>(
    q,
    `WITH latest AS (SELECT DISTINCT ON (roster_id) roster_id, created_at FROM roster_versions WHERE created_at < $3 ORDER BY roster_id, version DESC)
     SELECT ${nameOf('r.owner_person_id')} AS landlord, r.name AS list, latest.created_at AS updated_at
     FROM rosters r JOIN latest ON latest.roster_id = r.id
     CROSS JOIN LATERAL (SELECT ${roomAtEndOf('r.owner_person_id')} AS room_id) l
     WHERE r.kind = 'landlord' AND latest.created_at < $5 AND ${inScope('coalesce(r.area_id, l.room_id)')}
     ORDER BY latest.created_at, r.id`,
    [...params, cutoff],
  );
  return rows.map((row) => ({ landlord: row.landlord, list: row.list, updatedAt: row.updated_at }));
}

/**
 * The checks at the end of `window`, with the coverage of the day before to compare. The coverage
 * comes from the digest's one pass over the community when the caller has it, else it is read here.
 */
export async function loadRegistryChecks(
  q: Queryable,
  scope: DigestScope,
  window: DigestWindow,
  yesterday: DigestWindow,
  population?: Population,
): Promise<RegistryCheckRows> {
  const areas = idRanges(scope.areaIds);
  const params: Params = [areas, scope.communityWide, window.end, window.day];
  const coverage = population ?? (await populationOf(q, scope, window, yesterday));
  return {
    today: coverage.today,
    yesterday: coverage.yesterday,
    unregisteredRooms: coverage.unregisteredRooms,
    ...(await registryChecks(q, params)),
    tenantsUnlisted: await tenantsUnlisted(q, params),
    staleRosters: await staleRosters(q, params),
  };
}
