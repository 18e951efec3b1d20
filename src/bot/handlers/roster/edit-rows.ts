/**
 * A correction applied to the rows of a draft: the row is judged again as a whole, by the same
 * readers and rules as a pasted row, and ID numbers that now repeat are flagged again.
 */

import type { RosterEntry, RosterRow } from '../../../dialogs/roster/index.ts';
import { markDuplicateIds } from '../../../dialogs/roster/rules.ts';
import { phoneFromReader, readIdValue, readMoveIn, readNameValue, readRoomValue } from '../../../dialogs/roster/readings.ts';
import { buildEntry, type ValidationOptions } from '../../../dialogs/roster/validate.ts';
import type { CorrectedField } from './corrections.ts';

export type FieldValues = Record<CorrectedField, string | null>;

const valuesOf = (entry: RosterEntry): FieldValues => ({
  name: entry.name,
  idNumber: entry.idNumber,
  phone: entry.phone,
  room: entry.room?.raw ?? null,
  moveIn: entry.moveIn,
});

function judge(values: FieldValues, action: RosterEntry['action'], today: string, options: ValidationOptions): RosterEntry {
  const read = <T>(value: string | null, reader: (text: string) => T): T | null => (value === null ? null : reader(value));
  return buildEntry({
    name: read(values.name, readNameValue),
    idNumber: read(values.idNumber, (text) => readIdValue(text, today)),
    phone: read(values.phone, phoneFromReader),
    room: read(values.room, readRoomValue),
    moveIn: read(values.moveIn, (text) => readMoveIn(text, today)),
    action,
  }, options);
}

const withoutDuplicateFlag = (row: RosterRow): RosterRow => {
  if (!row.entry.problems.includes('id.duplicate')) return row;
  const problems = row.entry.problems.filter((code) => code !== 'id.duplicate');
  return { ...row, entry: { ...row.entry, problems, valid: problems.length === 0 } };
};

/** ID numbers that repeat are flagged afresh, on the second and later rows that carry them. */
export const reflag = (rows: readonly RosterRow[]): RosterRow[] => markDuplicateIds(rows.map(withoutDuplicateFlag));

/** The rows with row `number` (1-based, as the list shows it) given a new value; undefined when there is no such row. */
export function setField(
  rows: readonly RosterRow[],
  number: number,
  field: CorrectedField,
  value: string,
  today: string,
  options: ValidationOptions = {},
): RosterRow[] | undefined {
  const target = rows[number - 1];
  if (target === undefined) return undefined;
  const values = { ...valuesOf(target.entry), [field]: value };
  const corrected: RosterRow = { lineNo: target.lineNo, entry: judge(values, target.entry.action, today, options) };
  return reflag(rows.map((row, index) => (index === number - 1 ? corrected : row)));
}

/** The rows without row `number`; undefined when there is no such row. */
export function deleteRow(rows: readonly RosterRow[], number: number): RosterRow[] | undefined {
  if (rows[number - 1] === undefined) return undefined;
  return reflag(rows.filter((_, index) => index !== number - 1));
}
