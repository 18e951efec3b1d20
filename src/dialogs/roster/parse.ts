/**
 * A roster message read in full: the rules first, and a language model only for the lines the
 * rules could not read. The model's rows are grounded in the message and judged by the same
 * validators as the rules' rows; without a model, or when it fails, the rules' result stands.
 */

import type { RosterParse, RosterRow, UnreadLine } from './entry.ts';
import { groundRows, type GroundedRow, type ShownLine } from './grounding.ts';
import type { RosterModel } from './model.ts';
import { PlaceholderTable } from './placeholders.ts';
import { phoneFromReader, readIdValue, readMoveIn, readNameValue, readRoomValue } from './readings.ts';
import { markDuplicateIds, parseRosterRules, type RulesOptions } from './rules.ts';
import { buildEntry, type ValidationOptions } from './validate.ts';

export interface ParseOptions extends RulesOptions {
  /** Leave out for the rules alone. */
  model?: RosterModel | null;
}

export type ModelUse =
  | { status: 'unused' }
  | { status: 'used'; linesSent: number; rowsTaken: number }
  | { status: 'failed'; linesSent: number; problem: string };

export interface RosterResult extends RosterParse {
  model: ModelUse;
}

/** Parses a pasted roster; `today` (YYYY-MM-DD, the community's time zone) anchors relative dates. */
export async function parseRoster(text: string, today: string, options: ParseOptions = {}): Promise<RosterResult> {
  const rules = parseRosterRules(text, today, options);
  const model = options.model ?? null;
  if (!rules.isRoster || model === null || rules.unreadLines.length === 0) return { ...rules, model: { status: 'unused' } };
  const reading = await readUnreadLines(rules.unreadLines, today, model, options);
  return {
    isRoster: true,
    entries: markDuplicateIds([...rules.entries, ...reading.rows].sort((a, b) => a.lineNo - b.lineNo)),
    unreadLines: reading.unreadLines,
    model: reading.model,
  };
}

export interface ModelReading {
  /** The rows the model read, grounded and judged; not yet checked for ID numbers repeated elsewhere. */
  rows: RosterRow[];
  /** The lines still unread. */
  unreadLines: UnreadLine[];
  model: ModelUse;
}

/**
 * The lines the rules could not read, put to the model with ID numbers and phones hidden behind
 * placeholders: the rows it finds there, grounded in the lines. A failing model reads nothing.
 */
export async function readUnreadLines(
  lines: readonly UnreadLine[],
  today: string,
  model: RosterModel,
  options: ValidationOptions = {},
): Promise<ModelReading> {
  const table = new PlaceholderTable();
  const shown: ShownLine[] = lines.map((line) => ({ lineNo: line.lineNo, text: table.hide(line.text) }));
  // The model's client library is loaded the first time a model is asked, not by every process.
  const { askRosterModel } = await import('./model.ts');
  const answer = await askRosterModel(model, shown, today);
  if (!answer.ok) return { rows: [], unreadLines: [...lines], model: { status: 'failed', linesSent: shown.length, problem: answer.problem } };
  const rows = groundRows(answer.rows, shown, table).map((row) => rowOf(row, today, options));
  const readLines = new Set(rows.map((row) => row.lineNo));
  return {
    rows,
    unreadLines: lines.filter((line) => !readLines.has(line.lineNo)),
    model: { status: 'used', linesSent: shown.length, rowsTaken: rows.length },
  };
}

function rowOf(row: GroundedRow, today: string, options: ValidationOptions): RosterRow {
  const entry = buildEntry(
    {
      name: row.name === null ? null : readNameValue(row.name),
      idNumber: row.idNumber === null ? null : readIdValue(row.idNumber, today),
      phone: row.phone === null ? null : phoneFromReader(row.phone),
      room: row.room === null ? null : readRoomValue(row.room),
      moveIn: row.moveIn === null ? null : readMoveIn(row.moveIn, today),
      action: row.action ?? 'add',
      problems: row.ungrounded ? ['model.ungrounded'] : [],
    },
    options,
  );
  return { lineNo: row.lineNo, entry };
}
