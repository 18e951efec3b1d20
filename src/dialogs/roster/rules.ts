/** The rule-based roster parser: pure, fast, and the result that stands when no model is configured. */

import { analyseMessage, type Analysis, type DraftRow } from './analyse.ts';
import { judgeRoster } from './detect.ts';
import type { RosterParse, RosterRow, UnreadLine } from './entry.ts';
import { buildEntry, withProblem, type ValidationOptions } from './validate.ts';

export type RulesOptions = ValidationOptions;

/**
 * Parses a pasted tenant or staff list. `today` (YYYY-MM-DD, in the community's time zone) is what
 * relative dates (上个月15号) are read against. A message that is no roster gives no entries.
 */
export function parseRosterRules(text: string, today: string, options: RulesOptions = {}): RosterParse {
  const analysis = analyseMessage(text, today);
  if (!judgeRoster(analysis)) return { isRoster: false, entries: [], unreadLines: [] };
  return { isRoster: true, entries: rowsOf(analysis.rows, options), unreadLines: unreadLinesOf(analysis) };
}

export function rowsOf(drafts: readonly DraftRow[], options: ValidationOptions): RosterRow[] {
  const contactExpected = drafts.some((draft) => draft.idNumber !== null || draft.phone !== null);
  return markDuplicateIds(
    drafts.map((draft) => ({
      lineNo: draft.lineNo,
      entry: buildEntry({ ...draft, action: draft.action ?? 'add' }, { contactExpected, ...options }),
    })),
  );
}

/** The second and later rows with the same ID number are flagged: a copying mistake, or a row pasted twice. */
export function markDuplicateIds(rows: readonly RosterRow[]): RosterRow[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    const id = row.entry.idNumber;
    if (id === null) return row;
    if (!seen.has(id)) {
      seen.add(id);
      return row;
    }
    return { ...row, entry: withProblem(row.entry, 'id.duplicate') };
  });
}

export function unreadLinesOf(analysis: Analysis): UnreadLine[] {
  return analysis.lines.filter((line) => line.kind === 'unread').map((line) => ({ lineNo: line.lineNo, text: line.text }));
}
