/**
 * What a confirmed list changes against the landlord's previous version: who was added, who moved
 * out (said so), whose room or phone changed, and who is missing from it (asked about, never
 * taken off silently). Pure.
 */

import type { RosterEntry } from '../../../dialogs/roster/index.ts';
import type { StoredRosterEntry } from '../../../store/rosters.ts';

export interface LinkedRow {
  entry: RosterEntry;
  personId: number | null;
}

export interface RosterChange {
  added: RosterEntry[];
  removed: RosterEntry[];
  changed: RosterEntry[];
  /** Tenants of the previous version that the new list does not name. */
  missing: StoredRosterEntry[];
}

function sameTenant(row: LinkedRow, tenant: StoredRosterEntry): boolean {
  if (row.personId !== null && tenant.personId !== null) return row.personId === tenant.personId;
  // "张三搬走了" names nobody by number: the name is what finds the tenant.
  return row.entry.name !== null && row.entry.name === tenant.name;
}

export function rosterChange(rows: readonly LinkedRow[], previous: readonly StoredRosterEntry[]): RosterChange {
  const change: RosterChange = { added: [], removed: [], changed: [], missing: [] };
  const named = new Set<number>();
  for (const row of rows) {
    const tenant = previous.find((candidate) => !named.has(candidate.id) && sameTenant(row, candidate));
    if (tenant) named.add(tenant.id);
    if (row.entry.action === 'remove') change.removed.push(row.entry);
    else if (!tenant) change.added.push(row.entry);
    else if ((row.entry.room?.raw ?? null) !== tenant.roomRaw || (row.entry.phone ?? null) !== tenant.phone) change.changed.push(row.entry);
  }
  change.missing = previous.filter((tenant) => !named.has(tenant.id));
  return change;
}

interface Named {
  name: string | null;
  room: string | null;
}

/** 陈建华（3-2-502）、李秀英（3-2-503）: the landlord's own list, named as they wrote it. */
export const namesOf = (people: readonly Named[]): string =>
  people.map((person) => `${person.name ?? '—'}${person.room ? `（${person.room}）` : ''}`).join('、');

export const namedEntry = (entry: RosterEntry): Named => ({ name: entry.name, room: entry.room?.raw ?? null });
export const namedTenant = (tenant: StoredRosterEntry): Named => ({ name: tenant.name, room: tenant.roomRaw });
