/**
 * What a language model returns is only taken where the message bears it out: a name or a room
 * must be written in the lines the model was shown, an ID number or phone must be a placeholder
 * of those lines. Anything else is dropped and the row flagged 'model.ungrounded', so that text
 * in a roster that tries to instruct the model can change nothing but the rows of those lines.
 */

import { normalize } from '../answers/index.ts';
import type { RosterAction } from './entry.ts';
import { canonicalPlaceholder, placeholderKind, type PlaceholderKind, type PlaceholderTable } from './placeholders.ts';

/** One row as the model returns it; ID number and phone are placeholders. */
export interface ModelRow {
  line: number;
  name: string | null;
  idNumber: string | null;
  phone: string | null;
  room: string | null;
  moveIn: string | null;
  action: RosterAction | null;
}

/** A row whose every value is in the message: ID number and phone restored as they were written. */
export interface GroundedRow extends Omit<ModelRow, 'line'> {
  lineNo: number;
  /** Whether a value was dropped for not being in the message. */
  ungrounded: boolean;
}

export interface ShownLine {
  lineNo: number;
  /** The line as the model saw it, with placeholders. */
  text: string;
}

// Names and rooms are compared as people retype them: full-width or not, spaces or not.
const comparable = (text: string): string => normalize(text).replace(/\s+/g, '').toLowerCase();

export function groundRows(rows: readonly ModelRow[], shown: readonly ShownLine[], table: PlaceholderTable): GroundedRow[] {
  const lineNumbers = new Set(shown.map((line) => line.lineNo));
  const shownText = comparable(shown.map((line) => line.text).join('\n'));
  const placeholdersShown = new Set(shown.flatMap((line) => line.text.match(/⟨(?:ID|PHONE)\d+⟩/g) ?? []));
  const grounded: GroundedRow[] = [];
  for (const row of rows) {
    // A row for a line the rules have read, or one not in the message, is the model's invention.
    if (!lineNumbers.has(row.line)) continue;
    let ungrounded = false;
    const written = (value: string | null): string | null => {
      if (value === null || value.trim() === '') return null;
      const text = comparable(value);
      if (shownText.includes(text) && !/⟨|⟩/.test(text)) return value.trim();
      ungrounded = true;
      return null;
    };
    const restored = (value: string | null, kind: PlaceholderKind): string | null => {
      if (value === null || value.trim() === '') return null;
      const placeholder = canonicalPlaceholder(value);
      if (placeholder !== null && placeholderKind(placeholder) === kind && placeholdersShown.has(placeholder)) return table.valueOf(placeholder);
      ungrounded = true;
      return null;
    };
    const candidate: GroundedRow = {
      lineNo: row.line,
      name: written(row.name),
      idNumber: restored(row.idNumber, 'ID'),
      phone: restored(row.phone, 'PHONE'),
      room: written(row.room),
      moveIn: written(row.moveIn),
      action: row.action,
      ungrounded: false,
    };
    candidate.ungrounded = ungrounded;
    // Nothing that names a person is left: no row at all.
    if (candidate.name === null && candidate.idNumber === null && candidate.phone === null) continue;
    grounded.push(candidate);
  }
  return grounded;
}
