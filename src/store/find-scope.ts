import { descendantIds, gridAreaIds } from './areas.ts';
import type { Queryable } from './db.ts';
import { staffOf } from './staff.ts';

/**
 * Whom a search may return: everyone (the operator of the machine, or staff over the only
 * community there is), or the persons who live or are registered in these areas.
 */
export type FindScope = { kind: 'all' } | { kind: 'areas'; areaIds: number[] };

/** A staff member's scope for finding people; undefined for someone who is not staff. */
export async function findScopeOf(q: Queryable, personId: number): Promise<FindScope | undefined> {
  const roles = await staffOf(q, personId);
  if (roles.length === 0) return undefined;
  const communities = await q.query<{ n: number }>("SELECT count(*)::int AS n FROM areas WHERE kind = 'community'");
  const wholeCommunity = roles.some((role) => role.scope.kind === 'area' && role.scope.areaKind === 'community');
  if (wholeCommunity && (communities[0]?.n ?? 0) <= 1) return { kind: 'all' };
  const areaIds = new Set<number>();
  for (const role of roles) {
    const roots = role.scope.kind === 'area' ? [role.scope.areaId] : await gridAreaIds(q, role.scope.gridId);
    for (const root of roots) for (const id of await descendantIds(q, root)) areaIds.add(id);
  }
  return { kind: 'areas', areaIds: [...areaIds] };
}

/** SQL that is true when person `${person}` lives or is registered in the areas of parameter `$n`. */
export const personInAreas = (person: string, parameter: string): string => `(
  EXISTS (SELECT 1 FROM occupancies so WHERE so.person_id = ${person} AND so.until IS NULL AND so.room_id = ANY(${parameter}::bigint[]))
  OR EXISTS (SELECT 1 FROM registry_entries se WHERE se.person_id = ${person}
             AND (se.room_id = ANY(${parameter}::bigint[]) OR se.site_id = ANY(${parameter}::bigint[]))))`;
