import { labelOf } from '../../store/rooms.ts';
import { normalize } from '../answers/index.ts';
import { nameSound } from './sound.ts';

/**
 * The pieces of a person that finding them searches, each a kind and a value, hashed with a key
 * before it is stored or looked up (see store/find-index.ts): the sound of the name and of the
 * surname, a phone's last four digits, an ID number's last four digits and birth date, and the
 * address whole, without its lane or street, without its room, and as the house number alone.
 */
export const findKeyKinds = ['name', 'surname', 'phone4', 'id4', 'birth', 'place', 'place-room', 'place-house', 'house'] as const;
export type FindKeyKind = (typeof findKeyKinds)[number];

export interface FindKeyPiece {
  kind: FindKeyKind;
  value: string;
}

/** Where someone lives, by its labels: the lane or compound, the building or house number, the room. */
export interface PlaceLabels {
  street: string | null;
  building: string | null;
  room: string | null;
}

export interface FindSubject {
  names: (string | null)[];
  phones: (string | null)[];
  idNumbers: (string | null)[];
  places: PlaceLabels[];
}

/** '长庚里 ' -> '长庚里'; a compound's name as it is written, the building and room as labels ('96号' -> '96'). */
export function placeLabels(street: string | null, building: string | null, room: string | null): PlaceLabels {
  const text = (value: string | null) => (value === null || normalize(value) === '' ? null : normalize(value));
  return {
    street: text(street),
    building: text(building) === null ? null : labelOf(text(building) ?? ''),
    room: text(room) === null ? null : labelOf(text(room) ?? ''),
  };
}

export function placePieces(place: PlaceLabels): FindKeyPiece[] {
  const { street, building, room } = place;
  const pieces: FindKeyPiece[] = [];
  if (building === null) return pieces;
  pieces.push({ kind: 'house', value: building });
  if (street !== null) pieces.push({ kind: 'place-house', value: `${street}|${building}` });
  if (room !== null) {
    pieces.push({ kind: 'place-room', value: `${building}|${room}` });
    if (street !== null) pieces.push({ kind: 'place', value: `${street}|${building}|${room}` });
  }
  return pieces;
}

const birthOf = (id: string): string | null => (/^\d{17}[\dX]$/.test(id) ? id.slice(6, 14) : null);

/** Every piece of a person, once each. */
export function subjectPieces(subject: FindSubject): FindKeyPiece[] {
  const pieces: FindKeyPiece[] = [];
  for (const name of subject.names) {
    const sound = name === null ? null : nameSound(name);
    if (sound) pieces.push({ kind: 'name', value: sound.loose }, { kind: 'surname', value: sound.surname });
  }
  for (const phone of subject.phones) if (phone !== null && phone.length >= 4) pieces.push({ kind: 'phone4', value: phone.slice(-4) });
  for (const id of subject.idNumbers) {
    // Other documents are kept as 'passport:E1234567': their last digits are searched alike.
    const number = id?.includes(':') ? id.slice(id.indexOf(':') + 1) : id;
    if (number === null || number === undefined || number.length < 4) continue;
    pieces.push({ kind: 'id4', value: number.slice(-4) });
    const birth = birthOf(number);
    if (birth !== null) pieces.push({ kind: 'birth', value: birth });
  }
  for (const place of subject.places) pieces.push(...placePieces(place));
  const seen = new Set<string>();
  return pieces.filter((piece) => {
    const key = `${piece.kind}\u0000${piece.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The value itself, every value with one character changed, and every value with two neighbours swapped. */
export function oneEditVariants(value: string, alphabet = '0123456789'): string[] {
  const variants = new Set([value]);
  for (let i = 0; i < value.length; i++) {
    for (const char of alphabet) variants.add(value.slice(0, i) + char + value.slice(i + 1));
    if (i + 1 < value.length) variants.add(value.slice(0, i) + value.charAt(i + 1) + value.charAt(i) + value.slice(i + 2));
  }
  return [...variants];
}
