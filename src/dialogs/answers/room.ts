/** Where in the compound a person lives, as people write it: 3栋2单元502, 3-2-502, B座1203, 长庚里96号201. */

import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './chinese-numerals.ts';
import { normalize, toHalfWidth } from './normalize.ts';
import { accept, refuse, type AnswerResult, type Found } from './result.ts';
import { readEnglishRoom } from './room-english.ts';

export interface Room {
  raw: string;
  /** Digits or letters alone: '3', 'B', '12A'. */
  building: string | null;
  unit: string | null;
  room: string | null;
  /** The part above the building: a lane or village (长庚里), a compound, a zone (A区, 二期). */
  street: string | null;
}

const CN = `[${CHINESE_NUMERAL_CHARS}]`;
const GAP = '[ \\t]*';
const LABEL = `(?:[A-Z]\\d{0,2}|\\d{1,3}[A-Z]?|${CN}{1,3})`;
const ROOM_NUMBER = `(?:[A-Z]?\\d{2,5}[A-Z]?|${CN}{3,4})`;
const STREET_SUFFIX = '(?:胡同|花园|小区|大厦|公寓|新村|社区|广场|里|路|街|巷|弄|村|坊|道|苑|园|庄|湾|城)';
const BUILDING_MARK = '(?:号楼|号栋|号座|号院|栋|幢|座|号|#楼?|楼)';
// What follows a number that is not a room: money, people, sizes, dates.
// 万 is money (5万, 3万元) unless a name starts with it (502 万伟).
const NOT_A_ROOM_AFTER = '(?![\\dA-Z]|[ \\t]*(?:人|个|元|块|岁|平|米|㎡|月|年|日|天|斤|万(?!(?!元|块)\\p{Script=Han})|%|\\.\\d|:\\d))';

// A day of the month (上个月15号, 3月2号) is not a building or a room.
const STRUCTURED = new RegExp(
  `(?<![\\dA-Z月-])` +
    `(?:(?<street>\\p{Script=Han}{1,8}?${STREET_SUFFIX})${GAP})?` +
    `(?:(?<zone>(?:[A-Z]|\\d{1,2}|${CN}{1,2})(?:区|期))${GAP})?` +
    `(?:(?<building>${LABEL})${GAP}(?<buildingMark>${BUILDING_MARK})[ \\t-]*(?:(?<dashedUnit>\\d{1,2})-(?=\\d))?)?` +
    `(?:(?<unit>${LABEL})${GAP}(?:单元|梯)[ \\t-]*)?` +
    `(?:(?:\\d{1,2}|${CN}{1,3})${GAP}(?:层|楼|F)[ \\t-]*)?` +
    `(?:(?<room>${ROOM_NUMBER})${GAP}(?<roomMark>号房|房间|室|房|号)?)?` +
    NOT_A_ROOM_AFTER,
  'giu',
);

// Building, unit and room with dashes: unit numbers are short, which keeps 138-1234-5678 out.
const DASHED = new RegExp(
  `(?<![\\dA-Z-])(?<building>[A-Z]\\d{0,2}|\\d{1,3}[A-Z]?)-(?:(?<unit>\\d{1,2}|[A-Z])-)?(?<room>[A-Z]?\\d{3,4}[A-Z]?)${GAP}(?<roomMark>室|房)?(?![\\dA-Z-])${NOT_A_ROOM_AFTER}`,
  'giu',
);

// A room number on its own (502, 1203); x00 is rarely a room and often money.
const BARE_ROOM = new RegExp(`(?<![\\dA-Z.:/-])(?<room>\\d{1,2}(?!00)\\d{2})(?![-/])${NOT_A_ROOM_AFTER}`, 'giu');

// What people say before the address; left in, it would be read as part of the street name.
const LEADING_WORDS = /^(?:我家|我们|我)?(?:住在|住|在|是)?\s*(?:地址|住址|房号|房间号|门牌号)?\s*[:,]?\s*/;

interface Mention {
  index: number;
  text: string;
  room: Room;
}

/** Reads the answer to "which room do you live in". */
export function readRoom(text: string): AnswerResult<Room> {
  const normalized = normalize(text);
  if (normalized === '') return refuse('answer.empty');
  const english = readEnglishRoom(normalized);
  if (english !== null) return accept(english);
  const address = normalized.replace(LEADING_WORDS, '');
  const mention = findMention(address) ?? findBare(address);
  if (mention === null) return refuse('room.unreadable');
  return accept({ ...mention.room, raw: normalized });
}

/**
 * The room mentioned inside a longer line, such as a roster row ('张三 3-2-502 13812345678').
 * A lone number counts only when nothing more explicit is found. Indices refer to the original text.
 */
export function findRoom(text: string): Found<Room> | null {
  const halfWidth = toHalfWidth(text);
  const mention = findMention(halfWidth) ?? findBare(halfWidth);
  if (mention === null) return null;
  const original = text.slice(mention.index, mention.index + mention.text.length);
  return { index: mention.index, length: mention.text.length, text: original, result: accept({ ...mention.room, raw: original }) };
}

function findMention(text: string): Mention | null {
  let best: Mention | null = null;
  for (const pattern of [DASHED, STRUCTURED]) {
    for (const match of text.matchAll(pattern)) {
      const room = roomOf(match.groups ?? {}, match[0]);
      if (room === null) continue;
      const mention = { index: match.index, text: match[0].trimEnd(), room };
      if (best === null || mention.index < best.index) best = mention;
      break;
    }
  }
  return best;
}

function findBare(text: string): Mention | null {
  for (const match of text.matchAll(BARE_ROOM)) {
    const room = match.groups?.['room'];
    if (room !== undefined) return { index: match.index, text: match[0], room: { raw: match[0], building: null, unit: null, room, street: null } };
  }
  return null;
}

type Groups = Record<string, string | undefined>;

// Decides what the parts of a match mean; null when the match is not explicit enough to be a room.
function roomOf(groups: Groups, raw: string): Room | null {
  let building = label(groups['building']);
  let room = label(groups['room']);
  const unit = label(groups['unit'] ?? groups['dashedUnit']);
  const street = [groups['street'], groups['zone']].filter((part) => part !== undefined).join('') || null;
  const mark = groups['buildingMark'];
  // 5楼 is a floor unless a room number on another floor follows (3楼502 is building 3).
  if (mark === '楼' && building !== null && unit === null && (room === null || room.startsWith(building))) building = null;
  // 302号 on its own is a room, not building 302.
  if (mark === '号' && street === null && unit === null && room === null) [building, room] = [null, building];
  const explicit = mark !== undefined || unit !== null || groups['roomMark'] !== undefined || raw.includes('-');
  if (room === null && !(street !== null && building !== null)) return null;
  if (!explicit && street === null) return null;
  return { raw, building, unit, room, street };
}

// Digits and letters alone, in upper case; Chinese numerals become digits (三 → 3, 五零二 → 502).
function label(part: string | undefined): string | null {
  if (part === undefined || part === '') return null;
  if (/^[\dA-Za-z]+$/.test(part)) return part.toUpperCase();
  const value = parseChineseNumber(part);
  return value === null ? null : String(value);
}
