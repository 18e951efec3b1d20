import fs from 'node:fs';
import path from 'node:path';
import { rosterChange, type LinkedRow } from '../bot/handlers/roster/change.ts';
import { readRosterFile } from '../dialogs/roster/file.ts';
import type { FieldCipher } from '../store/crypto.ts';
import type { Db, Queryable } from '../store/db.ts';
import { maskIdNumber, maskPhone } from '../store/mask.ts';
import { personOfEntry } from '../store/roster-persons.ts';
import { addEntry, copyEntries, createVersion, entriesOf, landlordRosterOf, latestVersion, unregisteredTenants } from '../store/rosters.ts';
import { findOnePerson } from './find-person.ts';

/** The names in a short list, as the summary prints them. */
const names = (list: readonly { name: string | null }[]) => list.map((entry) => entry.name ?? '?').join('、');

/**
 * A landlord's list from a spreadsheet, saved as a new version the way 确认 saves one in chat:
 * tenants linked to persons, the change against the last version, and tenants left out kept
 * (they are asked about in chat, never taken off silently).
 */
export async function importRosterFile(
  db: Db,
  cipher: FieldCipher,
  options: { file: string; landlord: string; today: string },
): Promise<string[]> {
  const parse = await readRosterFile(new Uint8Array(fs.readFileSync(options.file)), path.basename(options.file), options.today);
  if (parse.entries.length === 0) throw new Error(`${options.file}: no tenant found in it`);
  return db.transaction(async (tx) => {
    const landlord = await findOnePerson(tx, cipher, options.landlord);
    const rosterId = await landlordRosterOf(tx, landlord.id, null);
    const previous = await latestVersion(tx, rosterId);
    const previousEntries = previous ? await entriesOf(tx, cipher, previous.versionId) : [];
    const version = await createVersion(tx, rosterId, null);
    await tx.query('UPDATE roster_versions SET source_file = $2 WHERE id = $1', [version.versionId, path.basename(options.file)]);
    const linked: LinkedRow[] = [];
    for (const row of parse.entries) {
      const personId = await personOfEntry(tx, cipher, row.entry);
      await addEntry(tx, cipher, version.versionId, row.lineNo, row.entry, personId);
      linked.push({ entry: row.entry, personId });
    }
    const change = rosterChange(linked, previousEntries.filter((entry) => entry.action !== 'remove'));
    if (previous) await copyEntries(tx, previous.versionId, version.versionId, change.missing.map((tenant) => tenant.id), null);
    const bad = parse.entries.filter((row) => !row.entry.valid).length;
    const unregistered = await unregisteredTenants(tx, cipher, version.versionId);
    return [
      `${landlord.name ?? landlord.id}: version ${version.version}, ${parse.entries.length} rows from ${path.basename(options.file)}${bad > 0 ? `, ${bad} with problems` : ''}`,
      ...(change.added.length > 0 ? [`added: ${names(change.added)}`] : []),
      ...(change.removed.length > 0 ? [`moved out: ${names(change.removed)}`] : []),
      ...(change.changed.length > 0 ? [`changed: ${names(change.changed)}`] : []),
      ...(change.missing.length > 0 ? [`not in this file, kept until the landlord confirms they moved out: ${names(change.missing)}`] : []),
      ...(unregistered.length > 0 ? [`not registered themselves yet: ${names(unregistered)}`] : []),
    ];
  });
}

/** A landlord's roster as staff may see it: ID numbers and phones masked; with every version's size. */
export async function showRoster(q: Queryable, cipher: FieldCipher, landlord: string, history: boolean): Promise<string[]> {
  const owner = await findOnePerson(q, cipher, landlord);
  const versions = await q.query<{ version: number; id: number; created_at: Date; source_file: string | null; rows: number }>(
    `SELECT v.version, v.id, v.created_at, v.source_file, (SELECT count(*)::int FROM roster_entries e WHERE e.version_id = v.id) AS rows
     FROM roster_versions v JOIN rosters r ON r.id = v.roster_id
     WHERE r.owner_person_id = $1 AND r.kind = 'landlord' ORDER BY v.version`,
    [owner.id],
  );
  const latest = versions.at(-1);
  if (!latest) return [`${owner.name ?? owner.id} has no roster yet`];
  const lines = [`${owner.name ?? owner.id}: version ${latest.version} of ${latest.created_at.toISOString().slice(0, 10)}`];
  for (const entry of await entriesOf(q, cipher, latest.id)) {
    const id = entry.idNumber ? maskIdNumber(entry.idNumber) : '-';
    const phone = entry.phone ? maskPhone(entry.phone) : '-';
    lines.push(`${entry.lineNo}. ${entry.name ?? '?'}  ${id}  ${phone}  ${entry.roomRaw ?? '-'}${entry.action === 'remove' ? '  (moved out)' : ''}`);
  }
  if (history) {
    lines.push('versions:');
    for (const v of versions) {
      lines.push(`  ${v.version}  ${v.created_at.toISOString().slice(0, 16).replace('T', ' ')}  ${v.rows} rows${v.source_file ? `  from ${v.source_file}` : ''}`);
    }
  }
  return lines;
}
