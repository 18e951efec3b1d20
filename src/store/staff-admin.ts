import { findAccount } from './accounts.ts';
import { areaPath } from './areas.ts';
import { recordAudit } from './audit.ts';
import { type FieldCipher, maskPhone } from '../privacy/index.ts';
import type { Db, Queryable } from './db.ts';
import { findPersonsByPhone } from './persons.ts';
import { applySetup } from './setup.ts';
import { setupFileSchema } from './setup-file.ts';
import { SetupFileError } from './setup-problems.ts';
import type { StaffRole } from './staff.ts';

export interface NewStaffMember {
  name: string;
  phone?: string;
  account?: { platform: string; id: string }[];
  role: StaffRole;
  /** The community, site[/building[/unit]], or grid:NAME, as a setup file writes it. */
  scope: string;
  /** Needed only when the store holds several communities. */
  community?: string;
}

async function onlyCommunity(q: Queryable): Promise<string> {
  const rows = await q.query<{ name: string }>(`SELECT name FROM areas WHERE kind = 'community' ORDER BY id`);
  const [first] = rows;
  if (!first) throw new Error('no community is loaded yet: run `linli setup FILE` (or `linli demo`) first');
  if (rows.length > 1) throw new Error(`several communities are loaded (${rows.map((row) => row.name).join(', ')}): say which with --community`);
  return first.name;
}

/**
 * Gives a person a staff role, checked as a setup file's staff entry is (the scope must exist and
 * fit the role): the person with that account or phone, else a new one. Audited. Safe to repeat.
 */
export async function addStaffMember(db: Db, cipher: FieldCipher, member: NewStaffMember): Promise<void> {
  const community = member.community ?? (await onlyCommunity(db));
  const parsed = setupFileSchema.safeParse({
    communities: [{ name: community, staff: [{ name: member.name, phone: member.phone, role: member.role, scope: member.scope, accounts: member.account ?? [] }] }],
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('\n'));
  try {
    await applySetup(db, cipher, parsed.data);
  } catch (error) {
    if (error instanceof SetupFileError) throw new Error(error.problems.map((problem) => problem.message).join('\n'));
    throw error;
  }
  const [firstAccount] = member.account ?? [];
  const personId = firstAccount
    ? (await findAccount(db, firstAccount.platform, firstAccount.id))?.personId
    : member.phone
      ? (await findPersonsByPhone(db, cipher, member.phone))[0]?.id
      : undefined;
  await recordAudit(db, { action: 'staff.add', subjectPersonId: personId ?? null, details: { role: member.role, scope: member.scope } });
}

/** One staff role as `linli staff list` shows it: the phone masked, the scope as a path. */
export interface StaffListing {
  staffId: number;
  personId: number;
  name: string | null;
  phone: string | null;
  role: StaffRole;
  scope: string;
  accounts: string[];
}

interface ListingRow extends Record<string, unknown> {
  id: number;
  person_id: number;
  name: string | null;
  phone_enc: string | null;
  role: StaffRole;
  area_id: number | null;
  grid_name: string | null;
  accounts: string[] | null;
}

/** Every staff role, ordered by person; `personId` narrows it to one person's roles. */
export async function listStaff(q: Queryable, cipher: FieldCipher, personId?: number): Promise<StaffListing[]> {
  const rows = await q.query<ListingRow>(
    `SELECT s.id, s.person_id, p.name, p.phone_enc, s.role, s.area_id, g.name AS grid_name,
            (SELECT array_agg(a.platform ORDER BY a.id) FROM accounts a WHERE a.person_id = s.person_id) AS accounts
     FROM staff s JOIN persons p ON p.id = s.person_id LEFT JOIN grids g ON g.id = s.grid_id
     WHERE $1::bigint IS NULL OR s.person_id = $1
     ORDER BY p.name NULLS LAST, s.person_id, s.id`,
    [personId ?? null],
  );
  const listings: StaffListing[] = [];
  for (const row of rows) {
    const scope = row.area_id !== null ? (await areaPath(q, row.area_id)).join('/') : `grid:${row.grid_name ?? '?'}`;
    listings.push({
      staffId: row.id,
      personId: row.person_id,
      name: row.name,
      phone: row.phone_enc ? maskPhone(cipher.decrypt(row.phone_enc)) : null,
      role: row.role,
      scope,
      accounts: row.accounts ?? [],
    });
  }
  return listings;
}

/** Takes a person's staff roles away: all of them, or those of one role and/or one scope. Returns the ids removed. */
export async function removeStaff(
  q: Queryable,
  personId: number,
  filter: { role?: StaffRole; scope?: string },
): Promise<number[]> {
  const roles = await q.query<{ id: number; role: StaffRole; area_id: number | null; grid_name: string | null }>(
    `SELECT s.id, s.role, s.area_id, g.name AS grid_name FROM staff s LEFT JOIN grids g ON g.id = s.grid_id WHERE s.person_id = $1`,
    [personId],
  );
  const removed: number[] = [];
  for (const role of roles) {
    if (filter.role && role.role !== filter.role) continue;
    if (filter.scope) {
      const scope = role.area_id !== null ? (await areaPath(q, role.area_id)).join('/') : `grid:${role.grid_name ?? ''}`;
      if (!scopeMatches(scope, filter.scope)) continue;
    }
    removed.push(role.id);
  }
  if (removed.length > 0) await q.query('DELETE FROM staff WHERE id = ANY($1::bigint[])', [removed]);
  return removed;
}

/** A scope given without its community (保利紫山/3栋) matches the stored path that ends with it. */
function scopeMatches(stored: string, given: string): boolean {
  const wanted = given.split('/').map((part) => part.trim()).join('/');
  return stored === wanted || stored.endsWith(`/${wanted}`);
}
