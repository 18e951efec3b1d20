import fs from 'node:fs';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import path from 'node:path';
import { rosterChange, type LinkedRow } from '../bot/handlers/roster/change.ts';
import { readRosterFile } from '../dialogs/roster/file.ts';
import { type FieldCipher, maskIdNumber, maskPhone } from '../privacy/index.ts';
import type { Db, Queryable } from '../store/db.ts';
import { personOfEntry } from '../store/roster-persons.ts';
import { addEntry, copyEntries, createVersion, entriesOf, landlordRosterOf, latestVersion, unregisteredTenants } from '../store/rosters.ts';
import { findOnePerson } from './find-person.ts';

/** The names in a short list, as the summary prints them. */
const names = (list: readonly { name: string | null }[]) => list.map((entry) => entry.name ?? '?').join('、');

/**
 * The roster a file is imported into: the person's landlord roster; for a shop owner who keeps one
 * shop's staff list and no tenant list, that staff list.
 */
async function rosterForImport(q: Queryable, personId: number): Promise<{ id: number; kind: 'landlord' | 'shop' }> {
  const rosters = await q.query<{ id: number; kind: string }>('SELECT id, kind FROM rosters WHERE owner_person_id = $1 ORDER BY id', [personId]);
  const shops = rosters.filter((roster) => roster.kind === 'shop');
  const onlyShop = shops[0];
  if (onlyShop && shops.length === 1 && !rosters.some((roster) => roster.kind === 'landlord')) return { id: onlyShop.id, kind: 'shop' };
  return { id: await landlordRosterOf(q, personId, null), kind: 'landlord' };
}

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
  const data = new Uint8Array(fs.readFileSync(options.file));
  return db.transaction(async (tx) => {
    const landlord = await findOnePerson(tx, cipher, options.landlord);
    const { id: rosterId, kind } = await rosterForImport(tx, landlord.id);
    // A shop's staff have no room to give.
    const parse = await readRosterFile(data, path.basename(options.file), options.today, { requireRoom: kind !== 'shop' });
    if (parse.entries.length === 0) throw new Error(`${options.file}: no ${kind === 'shop' ? 'staff' : 'tenant'} found in it`);
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

/**
 * A landlord's roster, or a shop owner's staff lists, as staff may see them: ID numbers and phones
 * masked, rows numbered from 1 as the chat numbers them, dates in the community's time zone; with
 * every version's size.
 */
export async function showRoster(q: Queryable, cipher: FieldCipher, landlord: string, history: boolean, timeZone: string): Promise<string[]> {
  const owner = await findOnePerson(q, cipher, landlord);
  const versions = await q.query<{ roster_id: number; kind: string; name: string | null; version: number; id: number; created_at: Date; source_file: string | null; rows: number }>(
    `SELECT r.id AS roster_id, r.kind, r.name, v.version, v.id, v.created_at, v.source_file,
            (SELECT count(*)::int FROM roster_entries e WHERE e.version_id = v.id) AS rows
     FROM roster_versions v JOIN rosters r ON r.id = v.roster_id
     WHERE r.owner_person_id = $1 ORDER BY r.kind = 'landlord' DESC, r.id, v.version`,
    [owner.id],
  );
  const who = owner.name ?? String(owner.id);
  if (versions.length === 0) return [`${who} has no roster yet`];
  const local = (at: Date, pattern: string) => format(new TZDate(at.getTime(), timeZone), pattern);
  const lines: string[] = [];
  for (const rosterId of [...new Set(versions.map((v) => v.roster_id))]) {
    const ofRoster = versions.filter((v) => v.roster_id === rosterId);
    const latest = ofRoster.at(-1);
    if (!latest) continue;
    if (lines.length > 0) lines.push('');
    const title = latest.kind === 'shop' ? `${who}, staff list of ${latest.name ?? 'the shop'}` : who;
    lines.push(`${title}: version ${latest.version} of ${local(latest.created_at, 'yyyy-MM-dd')}`);
    (await entriesOf(q, cipher, latest.id)).forEach((entry, index) => {
      const id = entry.idNumber ? maskIdNumber(entry.idNumber) : '-';
      const phone = entry.phone ? maskPhone(entry.phone) : '-';
      lines.push(`${index + 1}. ${entry.name ?? '?'}  ${id}  ${phone}  ${entry.roomRaw ?? '-'}${entry.action === 'remove' ? '  (moved out)' : ''}`);
    });
    if (history) {
      lines.push('versions:');
      for (const v of ofRoster) {
        lines.push(`  ${v.version}  ${local(v.created_at, 'yyyy-MM-dd HH:mm')}  ${v.rows} rows${v.source_file ? `  from ${v.source_file}` : ''}`);
      }
    }
  }
  return lines;
}
