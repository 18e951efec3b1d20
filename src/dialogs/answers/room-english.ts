/** A room written in English: "Building 3, unit 1, room 402", "Block B Rm 1203", "Room 502, Bldg 3". */

import type { Room } from './room.ts';

const PART = '([A-Z]?\\d{1,5}[A-Z]?|[A-Z])\\b';
const BUILDING = new RegExp(`\\b(?:building|bldg|bld|block|blk|tower)\\.?\\s*(?:no\\.?\\s*)?#?\\s*${PART}`, 'i');
const UNIT = new RegExp(`\\b(?:unit|entrance)\\.?\\s*(?:no\\.?\\s*)?#?\\s*${PART}`, 'i');
const ROOM = new RegExp(`\\b(?:room|rm|flat|apt|apartment)\\.?\\s*(?:no\\.?\\s*)?#?\\s*${PART}`, 'i');

/** The room, when the text names its parts in English; null otherwise. */
export function readEnglishRoom(text: string): Room | null {
  const room = ROOM.exec(text)?.[1];
  if (room === undefined) return null;
  const building = BUILDING.exec(text)?.[1];
  const unit = UNIT.exec(text)?.[1];
  return { raw: text, building: building?.toUpperCase() ?? null, unit: unit?.toUpperCase() ?? null, room: room.toUpperCase(), street: null };
}
