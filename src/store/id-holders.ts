import { normalize } from '../dialogs/answers/index.ts';
import type { Queryable } from './db.ts';
import type { PersonRecord } from './persons.ts';

/**
 * Who may take on an ID number that is already on a person. A registered person's number is
 * theirs: someone else typing it (a mistake, a borrowed card) gets a record of their own and the
 * clash goes to staff (id_conflicts), instead of moving or overwriting anyone.
 */

/** Two spellings of one name: width, spacing, zero-width characters and Latin case aside. */
export function sameName(a: string, b: string): boolean {
  const key = (name: string) => normalize(name.normalize('NFKC')).replace(/\s+/g, '').toLowerCase();
  return key(a) === key(b);
}

/**
 * A person only a landlord's list knows (no account, no report): who registers with the same
 * number takes that person on, as long as the names do not disagree.
 */
async function onlyListed(q: Queryable, person: PersonRecord, name: string | null): Promise<boolean> {
  if (person.name !== null && name !== null && !sameName(person.name, name)) return false;
  const rows = await q.query<{ used: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM accounts WHERE person_id = $1) OR EXISTS (SELECT 1 FROM reports WHERE person_id = $1) AS used`,
    [person.id],
  );
  return rows[0]?.used === false;
}

/** A family member this household registered before (who has no account of their own). */
async function memberOf(q: Queryable, personId: number, householdId: number): Promise<boolean> {
  const rows = await q.query<{ ours: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM accounts WHERE person_id = $1)
        AND EXISTS (SELECT 1 FROM occupancies WHERE person_id = $1 AND household_id = $2) AS ours`,
    [personId, householdId],
  );
  return rows[0]?.ours === true;
}

/**
 * A family member this household registered before under this name but without a number of
 * their own (the number was someone else's): registering them again with a free number is them.
 */
export async function unnumberedMemberOf(q: Queryable, householdId: number, name: string): Promise<number | undefined> {
  const rows = await q.query<{ id: number; name: string | null }>(
    `SELECT DISTINCT p.id, p.name FROM persons p JOIN occupancies o ON o.person_id = p.id
     WHERE o.household_id = $1 AND p.id <> $1 AND p.id_number_hash IS NULL
       AND NOT EXISTS (SELECT 1 FROM accounts WHERE person_id = p.id)
     ORDER BY p.id DESC`,
    [householdId],
  );
  return rows.find((row) => row.name !== null && sameName(row.name, name))?.id;
}

/** Whether the resident registering (themselves, or a member of their household) may be `holder`. */
export async function mayTakeOn(
  q: Queryable,
  holder: PersonRecord,
  claim: { householdId: number; member: boolean; name: string | null },
): Promise<boolean> {
  if (!claim.member && holder.id === claim.householdId) return true;
  if (await onlyListed(q, holder, claim.name)) return true;
  return claim.member && holder.id !== claim.householdId && (await memberOf(q, holder.id, claim.householdId));
}

export interface NewIdConflict {
  personId: number;
  holderPersonId: number;
  reportId: number;
  accountId: number;
  source: 'registration' | 'member';
}

export async function recordIdConflict(q: Queryable, conflict: NewIdConflict): Promise<void> {
  await q.query(
    `INSERT INTO id_conflicts (person_id, holder_person_id, report_id, account_id, source) VALUES ($1, $2, $3, $4, $5)`,
    [conflict.personId, conflict.holderPersonId, conflict.reportId, conflict.accountId, conflict.source],
  );
}

/** The newcomer registered again with a number of their own: what clashed before is settled. */
export async function settleIdConflictsOf(q: Queryable, personId: number): Promise<void> {
  await q.query('UPDATE id_conflicts SET resolved_at = now() WHERE person_id = $1 AND resolved_at IS NULL', [personId]);
}

/** Open conflicts between two persons, either way round: what merging them resolves. */
export async function openIdConflictsBetween(q: Queryable, a: number, b: number): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM id_conflicts WHERE resolved_at IS NULL
       AND ((person_id = $1 AND holder_person_id = $2) OR (person_id = $2 AND holder_person_id = $1))`,
    [a, b],
  );
  return rows[0]?.n ?? 0;
}
