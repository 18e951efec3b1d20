/**
 * Rows while a message is being read: a person's fields as found on a line, completed by the
 * lines below it (姓名：… / 电话：…) and by the section it stands in ("502房：", "新来的：").
 */

import type { ProblemCode, RosterAction, RosterRoom } from './entry.ts';
import type { LineMentions } from './mentions.ts';
import type { Person } from './people.ts';
import type { Reading } from './readings.ts';

export interface DraftRow {
  lineNo: number;
  name: Reading | null;
  idNumber: Reading | null;
  phone: Reading | null;
  room: Reading<RosterRoom> | null;
  moveIn: Reading | null;
  action: RosterAction | null;
  /** Letters on the row's lines that are neither a field nor a name nor a known filler word. */
  leftover: number;
  /** Whether the room was written on the row itself, not above it for several rows. */
  ownRoom: boolean;
  /** A row of a table with a heading line. */
  fromTable: boolean;
  /** What is wrong with the line as a whole, such as several ID numbers for one person. */
  problems: ProblemCode[];
}

/** What a line without a person says about the rows below it, or about the row above it. */
export interface Section {
  room: Reading<RosterRoom> | null;
  moveIn: Reading | null;
  action: RosterAction | null;
}

export const NO_SECTION: Section = { room: null, moveIn: null, action: null };

export function draftOf(person: Person, lineNo: number, leftover: number, fromTable: boolean): DraftRow {
  return {
    lineNo,
    name: person.name?.value ?? null,
    idNumber: person.id?.value ?? null,
    phone: person.phone?.value ?? null,
    room: person.room?.value ?? null,
    moveIn: person.moveIn?.value ?? null,
    action: person.action,
    leftover,
    ownRoom: person.room !== null,
    fromTable,
    problems: [],
  };
}

// A date above a list is when it was written (截至3月2日) unless it speaks of moving in.
const MOVING_IN = /入住|搬|来的|开始住|住的|起租|租住|进来|住进/;

export function sectionOf(mentions: LineMentions, body: string): Section | null {
  const room = mentions.rooms[0]?.value ?? null;
  const moveIn = MOVING_IN.test(body) ? (mentions.dates[0]?.value ?? null) : null;
  const action = mentions.notes[0]?.action ?? null;
  if (room === null && moveIn === null && action === null) return null;
  return { room, moveIn, action };
}

/** A later section keeps what an earlier one said and it does not repeat. */
export function nextSection(section: Section, heads: Section): Section {
  return { room: heads.room ?? section.room, moveIn: heads.moveIn ?? section.moveIn, action: heads.action ?? section.action };
}

export function inherit(row: DraftRow, section: Section): void {
  row.room ??= section.room;
  row.moveIn ??= section.moveIn;
  row.action ??= section.action;
}

const FIELDS = ['name', 'idNumber', 'phone', 'room', 'moveIn', 'action'] as const;

// Two lines are one person when neither repeats a field of the other, and at most one has a name.
export function canJoin(row: DraftRow, next: DraftRow): boolean {
  if (row.fromTable || next.fromTable || (row.name !== null && next.name !== null)) return false;
  return FIELDS.every((field) => row[field] === null || next[field] === null);
}

/** Whether a line of a room, date or note alone can complete the row above rather than head a section. */
export function canComplete(row: DraftRow, section: Section): boolean {
  if (row.fromTable) return false;
  return (section.room === null || row.room === null) && (section.moveIn === null || row.moveIn === null) && (section.action === null || row.action === null);
}

export function join(row: DraftRow, next: DraftRow): void {
  row.name ??= next.name;
  row.idNumber ??= next.idNumber;
  row.phone ??= next.phone;
  if (row.room === null && next.room !== null) {
    row.room = next.room;
    row.ownRoom = next.ownRoom;
  }
  row.moveIn ??= next.moveIn;
  row.action ??= next.action;
  row.leftover = Math.max(row.leftover, next.leftover);
  for (const problem of next.problems) if (!row.problems.includes(problem)) row.problems.push(problem);
}

export function completeWith(row: DraftRow, section: Section, leftover: number): void {
  join(row, { ...section, lineNo: row.lineNo, name: null, idNumber: null, phone: null, leftover, ownRoom: section.room !== null, fromTable: false, problems: [] });
}
