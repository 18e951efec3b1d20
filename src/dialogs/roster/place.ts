/**
 * The place a whole list is about, named once above its rows: a building (「7栋出租情况如下」), a
 * tower (「D座的租客」), a lane and house number (「塘尾路6号宿舍」) or a lane and a run of numbers
 * (「西巷12-18号 租户」). Each row's room is read within it: 1单元602 under 7栋 is 7栋1单元602.
 */

import { parseChineseNumber } from '../answers/index.ts';
import type { RosterRoom } from './entry.ts';
import type { Reading } from './readings.ts';

export interface Place {
  /** As written, for the raw room: 7栋, 塘尾路6号, 西巷. */
  raw: string;
  building: string | null;
}

const CN = '零〇一二两三四五六七八九十';
const STREET = `(?:[\\p{Script=Han}${CN}]{1,8}?(?:胡同|花园|小区|大厦|公寓|新村|社区|广场|里|路|街|巷|弄|村|坊|道|苑|园|庄|湾|城))+`;
// A building needs its own mark; a house number (号) only counts after a street.
const PLACE = new RegExp(
  `^\\s*(?:我的房子|我家|我们)?(?:在)?(?<street>${STREET})?\\s*` +
    `(?:(?<building>[A-Z]\\d{0,2}|\\d{1,3}[A-Z]?|[${CN}]{1,3})(?<run>[-~至到]\\d{1,3})?\\s*(?<mark>号楼|号栋|栋|幢|座|#楼|#|号))?` +
    // Not followed by a room number or an address part: 3栋502 is a room, 7栋一单元 a unit.
    `(?![\\s-]*(?:[A-Z]?\\d|[${CN}]+\\s*(?:单元|楼|层|零|〇)|单元))`,
  'iu',
);

/** The place a heading line names, or null; `body` is the half-width line. */
export function placeOf(body: string): Place | null {
  const match = PLACE.exec(body);
  const groups = match?.groups;
  if (match === null || groups === undefined) return null;
  const { street, building, mark, run } = groups;
  if (building === undefined) return street === undefined ? null : { raw: street, building: null };
  if (mark === '号' && street === undefined) return null;
  // 西巷12-18号: the lane alone, each row says which number.
  if (run !== undefined) return street === undefined ? null : { raw: street, building: null };
  const label = /^[\dA-Z]+$/i.test(building) ? building.toUpperCase() : parseChineseNumber(building);
  if (label === null) return null;
  return { raw: match[0].trim().replace(/^(?:我的房子|我家|我们)?在?/, ''), building: String(label) };
}

const UNIT_AND_ROOM = /^\d{1,2}-\d{3,4}$/;

/** A room of a row under the place: what the row leaves out (building, lane) comes from the place. */
export function withinPlace(room: Reading<RosterRoom>, place: Place): Reading<RosterRoom> {
  const value = room.value;
  if (value === null) return room;
  // 2-1203 under 15栋 is unit 2, room 1203 of building 15.
  if (place.building !== null && value.unit === null && UNIT_AND_ROOM.test(value.raw)) {
    return { value: { ...value, raw: place.raw + value.raw, building: place.building, unit: value.building }, problem: room.problem };
  }
  if (value.building !== null && place.building !== null) return room;
  if (value.room === null && value.building === null) return room;
  if (place.building === null && /\p{Script=Han}{2,}(?:路|街|巷|弄|里|村)/u.test(value.raw)) return room;
  return {
    value: { ...value, raw: place.raw + value.raw, building: value.building ?? place.building },
    problem: room.problem,
  };
}
