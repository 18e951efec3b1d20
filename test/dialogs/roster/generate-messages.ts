/**
 * Whole roster messages in the styles landlords use, each with the parse the rules must give:
 * tables with and without a heading row, merged room cells, numbered lists, grouped lists, prose
 * in Chinese numerals, mixed separators, full-width digits, towers, lanes, a heading naming the
 * building once, dates of the list and of moving in, notes of moving out, lists of names alone.
 */

import fc from 'fast-check';
import type { RosterEntry, RosterRow } from '../../../src/dialogs/roster/entry.ts';
import { tenant, type Tenant } from './generate.ts';

export const TODAY = '2026-03-05';

export interface GeneratedMessage {
  text: string;
  expected: RosterRow[];
}

type Place =
  | { kind: 'building'; building: number }
  | { kind: 'tower'; tower: string }
  | { kind: 'lane'; street: string; number: number };

type MoveIn = { text: string; value: string } | null;

interface Person {
  t: Tenant;
  moveIn: MoveIn;
  leaving: boolean;
}

const STREETS = ['塘尾路', '长庚里', '西巷', '建设路', '沙井街', '新围村三巷'];
const TOWERS = [...'ABCDEFGH'];
const DIGIT_WORDS = [...'零一二三四五六七八九'];
const spokenDigits = (n: number): string => [...String(n)].map((d) => DIGIT_WORDS[Number(d)]).join('');
const spokenNumber = (n: number): string => {
  if (n < 10) return DIGIT_WORDS[n] ?? '';
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGIT_WORDS[tens]}十${n % 10 === 0 ? '' : DIGIT_WORDS[n % 10]}`;
};
const fullWidth = (text: string): string => text.replace(/[0-9A-Za-z-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const pad = (n: number): string => String(n).padStart(2, '0');

const place: fc.Arbitrary<Place> = fc.oneof(
  fc.integer({ min: 1, max: 30 }).map((building): Place => ({ kind: 'building', building })),
  fc.constantFrom(...TOWERS).map((tower): Place => ({ kind: 'tower', tower })),
  fc.tuple(fc.constantFrom(...STREETS), fc.integer({ min: 1, max: 99 })).map(([street, number]): Place => ({ kind: 'lane', street, number })),
);

// Days of moving in, in the past year, and the ways people write them.
const moveIn: fc.Arbitrary<MoveIn> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  fc
    .tuple(fc.integer({ min: 2024, max: 2025 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 4 }))
    .map(([year, month, day, form]): MoveIn => {
      const value = `${year}-${pad(month)}-${pad(day)}`;
      const texts = [`${year}年${month}月${day}日入住`, `${year}.${month}.${day}入住`, `${value}`, `${year}/${month}/${day}搬进来`, `${year}${pad(month)}${pad(day)}入住`];
      return { text: texts[form] ?? value, value };
    }),
  fc.integer({ min: 1, max: 11 }).map((monthsAgo): MoveIn => {
    const months = 2026 * 12 + 2 - monthsAgo;
    const year = Math.floor(months / 12);
    const month = (months % 12) + 1;
    const said = year === 2026 ? `今年${month}月` : `去年${month}月`;
    return { text: `${said}入住`, value: `${year}-${pad(month)}-01` };
  }),
);

const person: fc.Arbitrary<Person> = fc.record({ t: tenant, moveIn, leaving: fc.nat(9).map((n) => n < 2) });

function entry(p: Person, room: RosterEntry['room'], contacts = true): RosterEntry {
  return {
    name: p.t.name,
    idNumber: contacts ? p.t.idNumber : null,
    phone: contacts ? p.t.phone : null,
    room,
    moveIn: p.moveIn?.value ?? null,
    action: p.leaving ? 'remove' : 'add',
    valid: true,
    problems: [],
  };
}

/** A room as a row writes it under no heading: its raw text and what it means. */
function ownRoom(t: Tenant, at: Place, style: number): { text: string; room: NonNullable<RosterEntry['room']> } {
  if (at.kind === 'tower') {
    const text = style % 2 === 0 ? `${at.tower}${t.room}` : `${at.tower}座${t.room}`;
    return { text, room: { raw: text, building: at.tower, unit: null, room: String(t.room) } };
  }
  if (at.kind === 'lane') {
    const text = `${at.street}${at.number}号${t.room}`;
    return { text, room: { raw: text, building: String(at.number), unit: null, room: String(t.room) } };
  }
  const texts = [`${at.building}-${t.unit}-${t.room}`, `${at.building}栋${t.unit}单元${t.room}`, `${at.building}栋${t.unit}单元${t.room}室`];
  const text = texts[style % texts.length] ?? '';
  return { text, room: { raw: text, building: String(at.building), unit: String(t.unit), room: String(t.room) } };
}

const SEPARATORS = [' ', '\t', '，', ',', '/', ' / ', '；'];

/** One person a line, fields in any order, any separator; some digits full-width. */
const lineList = fc
  .record({
    at: place,
    people: fc.uniqueArray(fc.tuple(person, fc.nat(5), fc.constantFrom(...SEPARATORS), fc.boolean(), fc.nat(3)), { minLength: 1, maxLength: 8, selector: ([p]) => p.t.idNumber }),
    numbered: fc.boolean(),
  })
  .map(({ at, people, numbered }): GeneratedMessage => {
    const rows = people.map(([p, order, separator, wide, style], i) => {
      const { text: roomText, room } = ownRoom(p.t, at, style);
      const fields = [p.t.name, p.t.idNumber, p.t.phone, roomText];
      const rotated = [...fields.slice(order % 4), ...fields.slice(0, order % 4)];
      let line = rotated.join(separator);
      if (p.moveIn !== null) line += ` ${p.moveIn.text}`;
      if (p.leaving) line += ' 已搬走';
      if (wide) line = fullWidth(line);
      // Full-width digits are read half-width, the room's raw text too.
      return { line: numbered ? `${i + 1}. ${line}` : line, row: { lineNo: i + 1, entry: entry(p, room) } };
    });
    return { text: rows.map((r) => r.line).join('\n'), expected: rows.map((r) => r.row) };
  });

const uniquePeople = (max: number) => fc.uniqueArray(person, { minLength: 1, maxLength: max, selector: (p) => p.t.idNumber });

const COLUMNS = { name: ['姓名', '租客姓名'], id: ['身份证号', '身份证号码', '证件号'], phone: ['电话', '手机号', '联系电话'], room: ['房号', '房间号'] } as const;
type Column = keyof typeof COLUMNS;

/** An Excel table pasted with tabs, columns in any order; people of one room share a merged room cell. */
const table = fc
  .record({
    at: place,
    people: uniquePeople(8),
    order: fc.shuffledSubarray(['name', 'id', 'phone', 'room'] as Column[], { minLength: 4, maxLength: 4 }),
    heading: fc.nat(1),
    merged: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  })
  .map(({ at, people, order, heading, merged }): GeneratedMessage => {
    const lines = [order.map((column) => COLUMNS[column][heading % COLUMNS[column].length]).join('\t')];
    const expected: RosterRow[] = [];
    let previous: { text: string; room: NonNullable<RosterEntry['room']> } | null = null;
    people.forEach((p, i) => {
      // A row of the same room as the one above leaves its room cell empty, as a merged cell copies.
      const share = previous !== null && merged[i] === true;
      const own = share && previous !== null ? previous : ownRoom(p.t, at, i);
      const cells: Record<Column, string> = { name: p.t.name, id: p.t.idNumber, phone: p.t.phone, room: share ? '' : own.text };
      lines.push(order.map((column) => cells[column]).join('\t'));
      expected.push({ lineNo: i + 2, entry: { ...entry({ ...p, moveIn: null, leaving: false }, own.room) } });
      previous = own;
    });
    return { text: lines.join('\n'), expected };
  });

/** A heading names the building, tower or lane once; the rows give the rest, or only the room. */
const underHeading = fc
  .record({ at: place, people: uniquePeople(6), unitFirst: fc.boolean(), listDate: fc.boolean(), title: fc.nat(3) })
  .map(({ at, people, unitFirst, listDate, title }): GeneratedMessage => {
    const heading =
      at.kind === 'building' ? `${at.building}栋` : at.kind === 'tower' ? `${at.tower}座` : `${at.street}${at.number}号`;
    const words = ['出租情况如下', '的租客', '租户名单：', ''][title] ?? '';
    const lines = [`${heading}${words}`];
    if (listDate) lines.push('截至3月2日');
    const expected: RosterRow[] = [];
    people.forEach((p) => {
      const withUnit = at.kind === 'building' && unitFirst;
      const rest = withUnit ? `${p.t.unit}单元${p.t.room}` : String(p.t.room);
      const room = {
        raw: heading + rest,
        building: at.kind === 'building' ? String(at.building) : at.kind === 'tower' ? at.tower : String(at.number),
        unit: withUnit ? String(p.t.unit) : null,
        room: String(p.t.room),
      };
      lines.push(`${rest} ${p.t.name} ${p.t.idNumber} ${p.t.phone}`);
      expected.push({ lineNo: lines.length, entry: entry({ ...p, moveIn: null, leaving: false }, room) });
    });
    return { text: lines.join('\n'), expected };
  });

/** 「203房：赵丽、钱明」 then one line for each of them. */
const grouped = fc
  .record({ groups: fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 33 }), uniquePeople(3)), { minLength: 1, maxLength: 3, selector: ([room]) => room }) })
  .filter(({ groups }) => new Set(groups.flatMap(([, people]) => people.map((p) => p.t.name))).size === groups.flatMap(([, people]) => people).length)
  .filter(({ groups }) => new Set(groups.flatMap(([, people]) => people.map((p) => p.t.idNumber))).size === groups.flatMap(([, people]) => people).length)
  .map(({ groups }): GeneratedMessage => {
    const lines: string[] = [];
    const expected: RosterRow[] = [];
    for (const [floor, people] of groups) {
      const roomNumber = floor * 100 + 1;
      lines.push(`${roomNumber}房：${people.map((p) => p.t.name).join('、')}`);
      for (const p of people) {
        lines.push(`${p.t.name} ${p.t.idNumber} ${p.t.phone}`);
        const room = { raw: `${roomNumber}房`, building: null, unit: null, room: String(roomNumber) };
        expected.push({ lineNo: lines.length, entry: entry({ ...p, moveIn: null, leaving: false }, room) });
      }
    }
    return { text: lines.join('\n'), expected };
  });

/** Told in sentences, rooms and dates in Chinese numerals, several people on one line. */
const prose = fc.record({ building: fc.integer({ min: 1, max: 12 }), people: uniquePeople(3), days: fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })), { minLength: 3, maxLength: 3 }) }).map(
  ({ building, people, days }): GeneratedMessage => {
    const parts: string[] = [];
    const expected: RosterRow[] = [];
    people.forEach((p, i) => {
      const [month = 1, day = 1] = days[i] ?? [];
      const spoken = `${spokenNumber(building)}栋${spokenNumber(p.t.unit)}单元${spokenDigits(p.t.room)}`;
      const year = month > 3 || (month === 3 && day > 5) ? 2025 : 2026;
      parts.push(`${spoken}住的是${p.t.name}，身份证${p.t.idNumber}，手机${p.t.phone}，${spokenNumber(month)}月${spokenNumber(day)}号搬来的`);
      const room = { raw: spoken, building: String(building), unit: String(p.t.unit), room: String(p.t.room) };
      expected.push({ lineNo: 1, entry: { ...entry({ ...p, moveIn: null, leaving: false }, room), moveIn: `${year}-${pad(month)}-${pad(day)}` } });
    });
    return { text: `${parts.join('；')}。`, expected };
  },
);

/** Rooms and names, nothing more: complete as far as it goes. */
const namesOnly = fc.record({ at: place, people: uniquePeople(6) }).map(({ at, people }): GeneratedMessage => {
  const names = new Set<string>();
  const rows = people.filter((p) => !names.has(p.t.name) && names.add(p.t.name));
  const lines = rows.map((p, i) => `${ownRoom(p.t, at, i).text} ${p.t.name}`);
  const expected = rows.map((p, i) => ({ lineNo: i + 1, entry: entry({ ...p, moveIn: null, leaving: false }, ownRoom(p.t, at, i).room, false) }));
  return { text: lines.join('\n'), expected };
});

/** 「都是去年8月开始住的」 after the rows: one move-in for all of them. */
const commonMoveIn = fc.record({ at: place, people: uniquePeople(5), month: fc.integer({ min: 4, max: 12 }) }).map(({ at, people, month }): GeneratedMessage => {
  const lines = people.map((p, i) => `${ownRoom(p.t, at, i).text} ${p.t.name} ${p.t.idNumber} ${p.t.phone}`);
  lines.push(`都是去年${month}月开始住的`);
  const expected = people.map((p, i) => ({ lineNo: i + 1, entry: { ...entry({ ...p, leaving: false }, ownRoom(p.t, at, i).room), moveIn: `2025-${pad(month)}-01` } }));
  return { text: lines.join('\n'), expected };
});

export const message: fc.Arbitrary<GeneratedMessage> = fc.oneof(lineList, table, underHeading, grouped, prose, namesOnly, commonMoveIn);
