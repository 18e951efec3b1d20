import { descendantIds, gridAreaIds } from './areas.ts';
import type { Queryable } from './db.ts';
import { marketsInScope } from './shops.ts';
import { staffOf } from './staff.ts';

import { inOrder } from './id-ranges.ts';

export { idRanges } from './id-ranges.ts';

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
  const below: number[][] = [];
  const places: ScopePlace[] = [];
  let communityWide = false;
  for (const role of roles) {
    const roots = role.scope.kind === 'area' ? [role.scope.areaId] : await gridAreaIds(q, role.scope.gridId);
    for (const root of roots) below.push(await descendantIds(q, root));
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
  // One root's areas come sorted and distinct: a community's hundreds of thousands are kept as they are.
  const areaIds = below.length === 1 ? (below[0] ?? []) : [...new Set(inOrder(below.flat()))];
  return { personId, areaIds, communityWide, places: unique, marketIds };
}

/** The persons who hold any staff role, in the order they were made staff. */
export async function staffPersonIds(q: Queryable): Promise<number[]> {
  const rows = await q.query<{ person_id: number }>('SELECT person_id FROM staff GROUP BY person_id ORDER BY min(id)');
  return rows.map((row) => row.person_id);
}
