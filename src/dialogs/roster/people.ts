/**
 * Who is who on a line: most lines are one person, but couples and flatmates share one
 * ("502房：张三 138…，李四 139…"). Each person gets a name and the fields that belong to it.
 */

import type { RosterAction, RosterRoom } from './entry.ts';
import type { LineMentions, Mention, NameMention, NoteMention } from './mentions.ts';

export interface Person {
  name: NameMention | null;
  id: Mention<string> | null;
  phone: Mention<string> | null;
  room: Mention<RosterRoom> | null;
  moveIn: Mention<string> | null;
  /** Null when the line says nothing about it. */
  action: RosterAction | null;
}

const MIN_SCORE_ALONE = 0;
const STRONG_SCORE = 2;

/** The people of one line; an empty list when the line has no name and no field of a person. */
export function peopleOf(mentions: LineMentions): Person[] {
  const { names } = mentions;
  const strong = names.filter((name) => name.score >= STRONG_SCORE);
  const likely = names.filter((name) => name.score >= 1);
  const contacts = Math.max(mentions.ids.length, mentions.phones.length);
  if (strong.length >= 2) return severalPeople(mentions, strong);
  if (likely.length >= 2 && contacts >= 2) return severalPeople(mentions, likely);
  // 「502：Tom Lee、李娜」: a room and the names of who lives there.
  if (likely.length >= 2 && contacts === 0 && mentions.rooms.length === 1) return severalPeople(mentions, likely);
  // A word with no known surname is taken for a name only beside an ID number: "咨询 020-…" is no person.
  const name = bestName(mentions.ids.length > 0 ? names : names.filter((candidate) => candidate.score >= 1));
  if (name === null && contacts === 0 && mentions.rooms.length === 0) return [];
  return [onePerson(mentions, name)];
}

/** The chosen names, so that the rest of the line can be measured without them. */
export function bestName(names: readonly NameMention[]): NameMention | null {
  let best: NameMention | null = null;
  for (const name of names) if (name.score >= MIN_SCORE_ALONE && (best === null || name.score > best.score)) best = name;
  return best;
}

function onePerson(mentions: LineMentions, name: NameMention | null): Person {
  const note = mentions.notes.find((candidate) => candidate.action === 'update') ?? mentions.notes[0];
  // "3-2-502 换到 3-2-601": of two values, the one after the word of changing is the new one.
  const pick = <T>(list: readonly Mention<T>[]): Mention<T> | null => {
    if (note?.action === 'update' && list.length > 1) return list.find((mention) => mention.index > note.index) ?? list[0] ?? null;
    return list[0] ?? null;
  };
  return {
    name,
    id: pick(mentions.ids),
    phone: pick(mentions.phones),
    room: pick(mentions.rooms),
    moveIn: pick(mentions.dates),
    action: note?.action ?? null,
  };
}

type Token =
  | { kind: 'name'; index: number; item: NameMention }
  | { kind: 'id' | 'phone' | 'moveIn'; index: number; item: Mention<string> }
  | { kind: 'room'; index: number; item: Mention<RosterRoom> }
  | { kind: 'note'; index: number; item: NoteMention };

function severalPeople(mentions: LineMentions, names: readonly NameMention[]): Person[] {
  return byGroups(mentions, names) ?? byOrder(names, mentions);
}

// A field mentioned once that a whole line may share: a room, a date, a note.
function sharedOrTokens(mentions: LineMentions): { tokens: Token[]; shared: Token[] } {
  const all: Token[][] = [
    mentions.ids.map((item): Token => ({ kind: 'id', index: item.index, item })),
    mentions.phones.map((item): Token => ({ kind: 'phone', index: item.index, item })),
    mentions.rooms.map((item): Token => ({ kind: 'room', index: item.index, item })),
    mentions.dates.map((item): Token => ({ kind: 'moveIn', index: item.index, item })),
    mentions.notes.map((item): Token => ({ kind: 'note', index: item.index, item })),
  ];
  const tokens: Token[] = [];
  const shared: Token[] = [];
  for (const list of all) {
    const [only] = list;
    if (list.length === 1 && only !== undefined && (only.kind === 'room' || only.kind === 'moveIn' || only.kind === 'note')) shared.push(only);
    else tokens.push(...list);
  }
  return { tokens, shared };
}

// Tokens repeat person by person ("张三 440… 138…，李四 440… 139…" or "440… 张三 138… 440… 李四 …").
function byGroups(mentions: LineMentions, names: readonly NameMention[]): Person[] | null {
  const { tokens: fields, shared } = sharedOrTokens(mentions);
  const tokens: Token[] = [...names.map((item): Token => ({ kind: 'name', index: item.index, item })), ...fields].sort((a, b) => a.index - b.index);
  const lead = tokens[0]?.kind;
  const groups: Token[][] = [];
  for (const token of tokens) {
    const current = groups.at(-1);
    if (current === undefined || (token.kind === lead && current.some((t) => t.kind === 'name'))) groups.push([token]);
    else current.push(token);
  }
  const fits =
    groups.length === names.length &&
    groups.every((group) => new Set(group.map((t) => t.kind)).size === group.length && group.some((t) => t.kind === 'name'));
  if (!fits) return null;
  // Names listed together before their fields ("范冰、金莉 176…") share them, but for the ID number.
  for (let i = groups.length - 2; i >= 0; i--) {
    const group = groups[i];
    const next = groups[i + 1];
    if (group?.length !== 1 || next === undefined) continue;
    group.push(...next.filter((token) => token.kind !== 'name' && token.kind !== 'id'));
  }
  return groups.map((group) => personOf([...group, ...shared]));
}

function personOf(tokens: readonly Token[]): Person {
  const person: Person = { name: null, id: null, phone: null, room: null, moveIn: null, action: null };
  // The first of each kind: a group's own field comes before the line's shared one.
  for (const token of tokens) {
    if (token.kind === 'name') person.name ??= token.item;
    else if (token.kind === 'id') person.id ??= token.item;
    else if (token.kind === 'phone') person.phone ??= token.item;
    else if (token.kind === 'moveIn') person.moveIn ??= token.item;
    else if (token.kind === 'room') person.room ??= token.item;
    else if (token.kind === 'note') person.action ??= token.item.action;
  }
  return person;
}

// Otherwise: as many IDs as names go in order; a single ID or phone to the name before it.
function byOrder(names: readonly NameMention[], mentions: LineMentions): Person[] {
  const assign = <T extends { index: number }>(list: readonly T[], i: number, shareSingle: boolean): T | null => {
    if (list.length === names.length) return list[i] ?? null;
    if (list.length === 1) {
      const [only] = list;
      if (only === undefined || shareSingle) return only ?? null;
      const owner = names.reduce((found, name, j) => (name.index < only.index ? j : found), 0);
      return owner === i ? only : null;
    }
    return null;
  };
  return names.map((name, i) => ({
    name,
    id: assign(mentions.ids, i, false),
    phone: assign(mentions.phones, i, false),
    room: assign(mentions.rooms, i, true),
    moveIn: assign(mentions.dates, i, true),
    action: assign(mentions.notes, i, true)?.action ?? null,
  }));
}
