import { descendantIds, gridAreaIds } from './areas.ts';
import type { Db, Queryable } from './db.ts';
import { idRanges } from './digest-scope.ts';
import { staffOf } from './staff.ts';

/**
 * Staff read personal data through `readAsStaff` only. Inside it the connection is the role
 * linli_staff, and the row-level security policies of migration 028 hide every row outside the
 * asking staff member's scope, whatever the query: a query that forgets its filter still returns no
 * one of another compound. Linli's own work and residents' own data run as the tables' owner.
 */
export interface ReadScope {
  /** The staff member asking: their own person row, and the audit entries they write, are theirs. */
  personId: number;
  /** Every place they reach: the areas and grids of their roles, and all below. */
  areaIds: readonly number[];
  /** A role over a whole community: they also see the people whose place is not known. */
  communityWide: boolean;
}

/** The union of a person's staff roles as the policies read it; undefined for someone who is not staff. */
export async function readScopeOf(q: Queryable, personId: number): Promise<ReadScope | undefined> {
  const roles = await staffOf(q, personId);
  if (roles.length === 0) return undefined;
  const areaIds = new Set<number>();
  for (const role of roles) {
    const roots = role.scope.kind === 'area' ? [role.scope.areaId] : await gridAreaIds(q, role.scope.gridId);
    for (const root of roots) for (const id of await descendantIds(q, root)) areaIds.add(id);
  }
  const communityWide = roles.some((role) => role.scope.kind === 'area' && role.scope.areaKind === 'community');
  return { personId, areaIds: [...areaIds].sort((a, b) => a - b), communityWide };
}

async function communityCount(q: Queryable): Promise<number> {
  const rows = await q.query<{ n: number }>("SELECT count(*)::int AS n FROM areas WHERE kind = 'community'");
  return rows[0]?.n ?? 0;
}

/** The transactions inside `readAsStaff`: a scoped read that calls another stays in the first scope. */
const scoped = new WeakSet<Queryable>();

const isDb = (q: Queryable): q is Db => 'transaction' in q && 'pool' in q;

/**
 * Runs `work` in the caller's transaction as the staff member of `scope`: the role and the scope
 * last until `work` ends (they are set for the transaction only, so an error that ends it ends them
 * too). Given the database rather than a transaction, it opens one: outside a transaction the
 * settings would not hold.
 */
export async function readAsStaff<T>(tx: Queryable, scope: ReadScope, work: (q: Queryable) => Promise<T>): Promise<T> {
  if (isDb(tx)) return tx.transaction((inner) => readAsStaff(inner, scope, work));
  if (scoped.has(tx)) return work(tx);
  // Over the only community there is, every row is in scope: the policies are told so, and a
  // community's digest does not test each of its hundreds of thousands of people.
  const all = scope.communityWide && (await communityCount(tx)) === 1;
  await tx.query(
    `SELECT set_config('role', 'linli_staff', true), set_config('linli.scope_areas', $1, true),
            set_config('linli.community_wide', $2, true), set_config('linli.scope_all', $3, true),
            set_config('linli.person', $4, true)`,
    [idRanges(scope.areaIds), scope.communityWide ? 'on' : 'off', all ? 'on' : 'off', String(scope.personId)],
  );
  scoped.add(tx);
  try {
    return await work(tx);
  } finally {
    scoped.delete(tx);
    // Back to the owner for the rest of the transaction. After an error the transaction is aborted
    // and this fails; rolling it back resets the role anyway.
    await tx
      .query(
        `SELECT set_config('role', 'none', true), set_config('linli.scope_areas', '', true),
                set_config('linli.community_wide', '', true), set_config('linli.scope_all', '', true),
                set_config('linli.person', '', true)`,
      )
      .catch(() => undefined);
  }
}

/** `readAsStaff` with the scope of the person's staff roles; someone who is not staff sees no one. */
export async function readAsStaffMember<T>(q: Queryable, personId: number, work: (q: Queryable) => Promise<T>): Promise<T> {
  const scope = (await readScopeOf(q, personId)) ?? { personId, areaIds: [], communityWide: false };
  return readAsStaff(q, scope, work);
}
