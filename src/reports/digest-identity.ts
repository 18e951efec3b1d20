import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { t, type MessageKey } from '../dialogs/messages/index.ts';
import type { IdConflictDigestRow } from '../store/digest-identity.ts';
import type { TenantDigestRow } from '../store/digest-rows.ts';
import type { Digest } from './digest.ts';

/**
 * The digest's section on ID numbers that do not add up, as text, summary lines and workbook
 * sheets. Each record is shown with its number (#12) so that staff can merge the two with
 * `linli persons merge --keep #12 --merge #34`; a side outside the reader's scope is not named.
 */

type Cell = string | number | null;
type Capped = <T>(lang: string, items: readonly T[], line: (item: T) => string) => string[];

export interface DigestSheet {
  name: string;
  header: string[];
  rows: Cell[][];
  widths: number[];
}

const when = (at: Date, timeZone: string, pattern: string) => format(new TZDate(at.getTime(), timeZone), pattern);
const placeText = (row: IdConflictDigestRow) => (row.place ? `${row.place.site ?? ''}${row.place.below}` : '');
const outside = (lang: string) => t(lang, 'digest.idConflict.outside');

const tenantLine = (lang: string) => (tenant: TenantDigestRow) =>
  [tenant.name ?? t(lang, 'digest.unnamed'), tenant.room ? ` ${tenant.room}` : '', tenant.landlord ? t(lang, 'digest.tenant.landlord', { name: tenant.landlord }) : ''].join('');

/** The lines the text adds, only when there is something to resolve. */
export function identityTextLines(digest: Digest, lang: string, timeZone: string, capped: Capped): string[] {
  const lines: string[] = [];
  if (digest.idConflicts.length > 0) {
    lines.push(t(lang, 'digest.idConflicts', { count: digest.idConflicts.length }));
    lines.push(
      ...capped(lang, digest.idConflicts, (row) =>
        t(lang, 'digest.idConflict.line', {
          who: `${row.name ?? outside(lang)}${placeText(row) ? ` ${placeText(row)}` : ''}`,
          id: row.personId,
          holder: row.holderName ?? outside(lang),
          holderId: row.holderPersonId,
          at: when(row.createdAt, timeZone, 'MM-dd HH:mm'),
        }),
      ),
    );
    lines.push(t(lang, 'digest.idConflicts.hint'));
  }
  if (digest.rosterMismatches.length > 0) {
    lines.push(t(lang, 'digest.rosterMismatches', { count: digest.rosterMismatches.length }));
    lines.push(...capped(lang, digest.rosterMismatches, tenantLine(lang)));
  }
  return lines;
}

/** The counts of the summary sheet, when there is something to resolve. */
export function identitySummary(digest: Digest): [MessageKey, Cell][] {
  const summary: [MessageKey, Cell][] = [];
  if (digest.idConflicts.length > 0) summary.push(['digest.file.idConflicts', digest.idConflicts.length]);
  if (digest.rosterMismatches.length > 0) summary.push(['digest.file.rosterMismatches', digest.rosterMismatches.length]);
  return summary;
}

/** The sheets of the full lists, when there is something to resolve. */
export function identitySheets(digest: Digest, lang: string, timeZone: string): DigestSheet[] {
  const say = (key: MessageKey) => t(lang, key);
  const sheets: DigestSheet[] = [];
  if (digest.idConflicts.length > 0) {
    sheets.push({
      name: say('digest.file.sheet.idConflicts'),
      header: [
        say('digest.file.col.name'),
        say('digest.file.col.site'),
        say('digest.file.col.place'),
        say('digest.file.col.personId'),
        say('digest.file.col.holder'),
        say('digest.file.col.holderId'),
        say('digest.file.col.conflictAt'),
      ],
      rows: digest.idConflicts.map((row) => [
        row.name ?? outside(lang),
        row.place?.site ?? null,
        row.place?.below || null,
        `#${row.personId}`,
        row.holderName ?? outside(lang),
        `#${row.holderPersonId}`,
        when(row.createdAt, timeZone, 'yyyy-MM-dd HH:mm'),
      ]),
      widths: [16, 14, 18, 8, 16, 8, 18],
    });
  }
  if (digest.rosterMismatches.length > 0) {
    sheets.push({
      name: say('digest.file.sheet.rosterMismatches'),
      header: [say('digest.file.col.name'), say('digest.file.col.room'), say('digest.file.col.landlord')],
      rows: digest.rosterMismatches.map((tenant) => [tenant.name ?? say('digest.unnamed'), tenant.room, tenant.landlord]),
      widths: [16, 24, 16],
    });
  }
  return sheets;
}
