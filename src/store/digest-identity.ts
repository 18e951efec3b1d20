import type { Queryable } from './db.ts';
import { currentRoomOf, inScope, nameOf, placesOf, type DigestPlace, type DigestWindow, type ScopeParams, type TenantDigestRow } from './digest-rows.ts';
import { maskText } from '../privacy/index.ts';

/**
 * What the staff digest says about ID numbers that do not add up: someone registered (or
 * registered a family member) with a number already registered to another person, and landlords'
 * list rows whose number is registered under another name. Names, places and record numbers only
 * (the numbers `linli persons merge` takes); the ID numbers themselves are never read.
 */

export interface IdConflictDigestRow {
  /** The record the newcomer's registration was kept on. */
  personId: number;
  name: string | null;
  place: DigestPlace | null;
  /** The record the number is registered to. */
  holderPersonId: number;
  /** Null when the holder lives outside the staff member's scope. */
  holderName: string | null;
  createdAt: Date;
}

interface ConflictRow extends Record<string, unknown> {
  person_id: number;
  name: string | null;
  room_id: number | null;
  holder_person_id: number;
  holder_name: string | null;
  holder_in_scope: boolean;
  person_in_scope: boolean;
  created_at: Date;
}

/**
 * Open conflicts on the day: recorded before its end and not resolved by then. Merging the two
 * records makes both sides one person, which closes it. Staff see a conflict when either side
 * lives in their scope, and the names of the sides that do.
 */
async function idConflictsIn(q: Queryable, scope: ScopeParams, window: DigestWindow): Promise<IdConflictDigestRow[]> {
  const rows = await q.query<ConflictRow>(
    `SELECT c.person_id, ${nameOf('p')} AS name, pr.room_id, c.holder_person_id, ${nameOf('h')} AS holder_name,
            ${inScope('pr.room_id')} AS person_in_scope, ${inScope('hr.room_id')} AS holder_in_scope, c.created_at
     FROM id_conflicts c JOIN persons p ON p.id = c.person_id JOIN persons h ON h.id = c.holder_person_id
     CROSS JOIN LATERAL (SELECT ${currentRoomOf('c.person_id')} AS room_id) pr
     CROSS JOIN LATERAL (SELECT ${currentRoomOf('c.holder_person_id')} AS room_id) hr
     WHERE c.person_id <> c.holder_person_id AND c.created_at < $3 AND (c.resolved_at IS NULL OR c.resolved_at >= $3)
       AND (${inScope('pr.room_id')} OR ${inScope('hr.room_id')})
     ORDER BY c.created_at, c.id`,
    [...scope, window.end],
  );
  const places = await placesOf(q, rows.map((row) => (row.person_in_scope ? row.room_id : null)));
  return rows.map((row) => ({
    personId: row.person_id,
    name: row.person_in_scope ? row.name : null,
    place: row.person_in_scope && row.room_id !== null ? (places.get(row.room_id) ?? null) : null,
    holderPersonId: row.holder_person_id,
    holderName: row.holder_in_scope ? row.holder_name : null,
    createdAt: row.created_at,
  }));
}

/**
 * Rows on the latest version of each list in scope whose ID number is registered by someone the
 * row does not name (the roster links a row only when the number and the name agree).
 */
async function rosterMismatchesIn(q: Queryable, scope: ScopeParams): Promise<TenantDigestRow[]> {
  const rows = await q.query<{ name: string | null; room_raw: string | null; landlord: string | null }>(
    `SELECT e.name, e.room_raw, ${nameOf('owner')} AS landlord
     FROM roster_entries e JOIN roster_versions v ON v.id = e.version_id JOIN rosters r ON r.id = v.roster_id
     JOIN persons owner ON owner.id = r.owner_person_id
     WHERE v.version = (SELECT max(version) FROM roster_versions WHERE roster_id = r.id) AND e.action <> 'remove'
       AND EXISTS (
         SELECT 1 FROM persons holder
         WHERE holder.id_number_hash = e.id_number_hash AND holder.id IS DISTINCT FROM e.person_id
           AND EXISTS (SELECT 1 FROM reports x WHERE x.form_id = 'registration' AND x.person_id = holder.id))
       AND ${inScope(`coalesce(r.area_id, ${currentRoomOf('r.owner_person_id')})`)}
     ORDER BY r.id, e.line_no, e.id`,
    scope,
  );
  return rows.map((row) => ({ name: row.name, room: row.room_raw === null ? null : maskText(row.room_raw), landlord: row.landlord }));
}

export async function identityDigestRows(
  q: Queryable,
  scope: ScopeParams,
  window: DigestWindow,
): Promise<{ idConflicts: IdConflictDigestRow[]; rosterMismatches: TenantDigestRow[] }> {
  return { idConflicts: await idConflictsIn(q, scope, window), rosterMismatches: await rosterMismatchesIn(q, scope) };
}
