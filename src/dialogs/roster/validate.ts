/**
 * Turns the values read for one person into a roster entry and says what is wrong with it.
 * The rules, the model and the spreadsheet reader all end here, so a row is judged the same
 * way wherever it was read.
 */

import type { ProblemCode, RosterAction, RosterEntry, RosterRoom } from './entry.ts';
import type { Reading } from './readings.ts';

export interface EntryValues {
  name: Reading | null;
  idNumber: Reading | null;
  phone: Reading | null;
  room: Reading<RosterRoom> | null;
  moveIn: Reading | null;
  action: RosterAction;
  /** Problems found before the values were read, such as values of the model not in the message. */
  problems?: readonly ProblemCode[];
}

export interface ValidationOptions {
  /** Staff of a market stall have no room; tenants do. Default true. */
  requireRoom?: boolean;
  /**
   * Whether a row without an ID number and a phone lacks something. A list of names alone
   * (「101 陈坤」) is complete as far as it goes; one row without them among rows with them is not. Default true.
   */
  contactExpected?: boolean;
}

export function buildEntry(values: EntryValues, options: ValidationOptions = {}): RosterEntry {
  const name = values.name?.value ?? null;
  const idNumber = values.idNumber?.value ?? null;
  const phone = values.phone?.value ?? null;
  const room = values.room?.value ?? null;
  const moveIn = values.moveIn?.value ?? null;
  const leaving = values.action === 'remove';
  const problems: ProblemCode[] = [];
  const add = (problem: ProblemCode | null | undefined): void => {
    if (problem != null && !problems.includes(problem)) problems.push(problem);
  };
  // Someone who moved out only needs to be found again: a name or a room will do.
  if (name === null && !(leaving && (room !== null || idNumber !== null || phone !== null))) add('name.missing');
  add(values.name?.problem);
  add(values.idNumber?.problem);
  add(values.phone?.problem);
  if (!leaving && idNumber === null && phone === null && options.contactExpected !== false) add('contact.missing');
  if (!leaving && room === null && values.room?.problem == null && options.requireRoom !== false) add('room.missing');
  add(values.room?.problem);
  add(values.moveIn?.problem);
  for (const problem of values.problems ?? []) add(problem);
  return { name, idNumber, phone, room, moveIn, action: values.action, valid: problems.length === 0, problems };
}

/** The same entry with one more problem, such as an ID number that an earlier row already has. */
export function withProblem(entry: RosterEntry, problem: ProblemCode): RosterEntry {
  if (entry.problems.includes(problem)) return entry;
  const problems = [...entry.problems, problem];
  return { ...entry, problems, valid: false };
}
