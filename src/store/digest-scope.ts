import { descendantIds, gridAreaIds } from './areas.ts';
import type { Queryable } from './db.ts';
import { marketsInScope } from './shops.ts';
import { staffOf } from './staff.ts';

/** How a staff member's scope is named: a place (its path from the community) or a grid. */
export type ScopePlace = { kind: 'area'; path: string[] } | { kind: 'grid'; name: string };

export interface DigestScope {
  personId: number;
  /** Every area the staff member may see: the areas and grids of their roles, and all below. */
  areaIds: number[];
  /**
   * Someone with a role over a whole community. They also see people whose place is not known
   * (registered in a private chat with no room found) and the sends whose delivery is uncertain.
   */
  communityWide: boolean;
  places: ScopePlace[];
  /** The markets in the scope, whose shops report their staff's status each day. */
  marketIds: number[];
}

/** The union of a person's staff roles; undefined for someone who is not staff. */
export async function digestScopeOf(q: Queryable, personId: number): Promise<DigestScope | undefined> {
  const roles = await staffOf(q, personId);
  if (roles.length === 0) return undefined;
  const areaIds = new Set<number>();
  const places: ScopePlace[] = [];
  let communityWide = false;
  for (const role of roles) {
    const roots = role.scope.kind === 'area' ? [role.scope.areaId] : await gridAreaIds(q, role.scope.gridId);
    for (const root of roots) for (const id of await descendantIds(q, root)) areaIds.add(id);
    if (role.scope.kind === 'area') {
      if (role.scope.areaKind === 'community') communityWide = true;
      places.push({ kind: 'area', path: role.scope.path });
    } else {
      places.push({ kind: 'grid', name: role.scope.name });
    }
  }
  const unique = places.filter(
    (place, index) => places.findIndex((other) => JSON.stringify(other) === JSON.stringify(place)) === index,
  );
  const marketIds = await marketsInScope(q, roles);
  return { personId, areaIds: [...areaIds].sort((a, b) => a - b), communityWide, places: unique, marketIds };
}

/**
 * Area ids as a Postgres multirange of bigints ('{[2,202102)}'): what the digest's queries take as
 * the scope. Areas are made a site or a building at a time, so a scope of hundreds of thousands of
 * ids is a few ranges, sent and planned in a moment, where an array of them cost half a second a
 * statement (see digest-rows' inScope).
 */
export function idRanges(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const ranges: string[] = [];
  let start: number | undefined;
  let end = 0;
  for (const id of sorted) {
    if (start !== undefined && id === end) {
      end = id + 1;
      continue;
    }
    if (start !== undefined) ranges.push(`[${start},${end})`);
    start = id;
    end = id + 1;
  }
  if (start !== undefined) ranges.push(`[${start},${end})`);
  return `{${ranges.join(',')}}`;
}

/** The persons who hold any staff role, in the order they were made staff. */
export async function staffPersonIds(q: Queryable): Promise<number[]> {
  const rows = await q.query<{ person_id: number }>('SELECT person_id FROM staff GROUP BY person_id ORDER BY min(id)');
  return rows.map((row) => row.person_id);
}
