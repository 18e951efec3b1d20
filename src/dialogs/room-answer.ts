import { MAX_LENGTH } from './answers/length-limits.ts';
import { readRoom, type Room } from './answers/index.ts';
import type { ReadContext, ReadOutcome } from './answer-kinds.ts';

/**
 * The answer to "which room": read, checked against the rooms of the site where the chat is bound,
 * and kept in one form whatever way it was typed (3-2-502, 3栋2单元502 and "Building 3, unit 2,
 * room 502" are all 3栋2单元502), with the site.
 */

// A lane or village numbers its houses (长庚里96号201); a compound numbers its buildings (3栋).
const LANE = /(?:里|路|街|巷|弄|村|胡同|坊|道)$/u;

/** 3栋2单元502, B座1203, 长庚里96号201, A区5栋301. */
export function roomText(room: Omit<Room, 'raw'>): string {
  const parts: string[] = [];
  if (room.street) parts.push(room.street);
  if (room.building) {
    const mark = room.street && LANE.test(room.street) ? '号' : /^[A-Z]$/.test(room.building) ? '座' : '栋';
    parts.push(`${room.building}${mark}`);
  }
  if (room.unit) parts.push(`${room.unit}单元`);
  if (room.room) parts.push(room.room);
  return parts.join('');
}

export function readRoomAnswer(text: string, context: ReadContext): ReadOutcome {
  if (text.trim().length > MAX_LENGTH.room) return { ok: false, reason: 'room.too-long', params: { max: String(MAX_LENGTH.room) } };
  const room = readRoom(text);
  if (!room.ok) return { ok: false, reason: room.reason };
  const check = context.checkRoom?.(room.value);
  if (check && !check.exists) {
    return check.suggestion
      ? { ok: false, reason: 'room.unknown-suggest', params: { suggestion: check.suggestion } }
      : { ok: false, reason: 'room.unknown' };
  }
  const { raw, building, unit, room: number, street } = room.value;
  return { ok: true, value: { raw, building, unit, room: number, street, site: context.site ?? null, text: roomText(room.value) } };
}
