/**
 * Field values as the roster keeps them, read with the answer readers: the same for a value the
 * rules found in a line, one the model returned, and a cell of a spreadsheet.
 */

import {
  normalize,
  readDate,
  readIdNumber,
  readMobilePhone,
  readPersonName,
  readRoom,
  type Found,
  type IdNumber,
  type Room,
} from '../answers/index.ts';
import { problemFromReason, type ProblemCode, type RosterRoom } from './entry.ts';

/** A value and what is wrong with it; a defective ID or phone keeps its digits, a date that is no day has none. */
export interface Reading<T = string> {
  value: T | null;
  problem: ProblemCode | null;
}

const ok = <T>(value: T): Reading<T> => ({ value, problem: null });

/** Digits and X alone, X upper case: how a defective ID number or phone is kept. */
export const compactDigits = (text: string): string => normalize(text).replace(/[^\dXx]/g, '').toUpperCase();

// Excel keeps 15 digits of a number: an ID column stored as numbers ends in 000 and fails its check.
const LOST_DIGITS = /^\d{15}000$/;

function idProblem(digits: string, problem: ProblemCode): ProblemCode {
  return problem === 'id.checksum' && LOST_DIGITS.test(digits) ? 'id.as-number' : problem;
}

export function idFromFound(found: Found<IdNumber>): Reading {
  if (found.result.ok) return ok(found.result.value.idNumber);
  const digits = compactDigits(found.text);
  return { value: digits, problem: idProblem(digits, problemFromReason(found.result.reason, 'id.checksum')) };
}

export function readIdValue(text: string, today: string): Reading {
  const result = readIdNumber(text, today);
  if (result.ok) return ok(result.value.idNumber);
  const digits = compactDigits(text);
  return { value: digits || null, problem: idProblem(digits, problemFromReason(result.reason, 'id.characters')) };
}

// +86 and 0086 are no part of the number a landlord typed.
const COUNTRY_CODE = /^(?:\+|00)?86(?=1\d{9,11}$)/;

export function phoneFromReader(text: string): Reading {
  const result = readMobilePhone(text);
  if (result.ok) return ok(result.value);
  const digits = normalize(text).replace(/\D/g, '').replace(COUNTRY_CODE, '');
  return { value: digits || null, problem: problemFromReason(result.reason, 'phone.invalid') };
}

export function phoneFromFound(found: Found<string>): Reading {
  if (found.result.ok) return ok(found.result.value);
  const digits = normalize(found.text).replace(/\D/g, '').replace(COUNTRY_CODE, '');
  return { value: digits, problem: problemFromReason(found.result.reason, 'phone.invalid') };
}

export function dateFromFound(found: Found<string>): Reading {
  return found.result.ok ? ok(found.result.value) : { value: null, problem: 'date.invalid' };
}

export function readMoveIn(text: string, today: string): Reading {
  const result = readDate(text, today);
  return result.ok ? ok(result.value) : { value: null, problem: 'date.invalid' };
}

// G2102室: a tower's letter before the room number, with no 座 between them.
const TOWER_AND_ROOM = /^([A-Z])(\d{3,4})$/;

export function rosterRoom(room: Room, raw: string): RosterRoom {
  const tower = room.building === null && room.unit === null ? TOWER_AND_ROOM.exec(room.room ?? '') : null;
  if (tower !== null) return { raw: normalize(raw), building: tower[1] ?? null, unit: null, room: tower[2] ?? null };
  return { raw: normalize(raw), building: room.building, unit: room.unit, room: room.room };
}

// A room column may hold a house number alone (5, 12A) that no room reader would take on its own.
const PLAIN_ROOM = /^[A-Z\d][A-Z\d-]{0,7}$/i;

export function readRoomValue(text: string): Reading<RosterRoom> {
  const raw = normalize(text);
  const result = readRoom(raw);
  if (result.ok) return ok(rosterRoom(result.value, raw));
  if (PLAIN_ROOM.test(raw)) return ok({ raw, building: null, unit: null, room: raw.toUpperCase() });
  return { value: { raw, building: null, unit: null, room: null }, problem: 'room.unreadable' };
}

export function readNameValue(text: string): Reading {
  const result = readPersonName(text);
  if (result.ok) return ok(result.value);
  const raw = normalize(text);
  return { value: raw === '' ? null : raw, problem: problemFromReason(result.reason, 'name.characters') };
}
