import fs from 'node:fs';
import path from 'node:path';
import { idCheckChar } from '../../src/dialogs/answers/index.ts';
import type { FieldCipher } from '../../src/privacy/index.ts';
import type { Db } from '../../src/store/db.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { applySetup } from '../../src/store/setup.ts';
import { parseSetupFile } from '../../src/store/setup-file.ts';
import { importRegistryFile } from '../../src/jobs/registry-import.ts';

/**
 * A generated community of realistic size for the census checks: the demo community and a large
 * compound and a lane of its own; a few thousand residents registered (most before today, some
 * today, some who moved), rooms marked empty, landlords' lists (some out of date), and a registry
 * imported from files, with typos in names, other phones, persons listed twice, movers, people
 * who never registered and rows it must reject. The model below is the truth the tests count from,
 * independently of the SQL that computes the digest.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A deterministic pseudo-random sequence (mulberry32), so that every run builds the same community. */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid ID number for a made-up person: each serial has a birth day of its own. */
export function idFor(serial: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + serial * DAY_MS);
  const body = `330106${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(serial % 1000).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

export const phoneFor = (serial: number): string => `139${String((serial * 7919) % 100_000_000).padStart(8, '0')}`;

const SURNAMES = [...'王李刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程'];
const GIVEN = [...'建国志强秀英桂兰玉梅春生海燕晓东红霞振华永刚淑珍德明丽娟光辉'];
/** Characters a registry clerk mistypes for one of the same sound. */
const HOMOPHONES: Readonly<Record<string, string>> = { 建: '健', 国: '帼', 志: '智', 强: '蔷', 英: '瑛', 兰: '岚', 梅: '玫', 春: '纯', 海: '亥', 燕: '艳', 东: '冬', 红: '宏', 霞: '侠', 华: '桦', 刚: '钢', 珍: '真', 德: '得', 明: '铭', 丽: '莉', 娟: '鹃', 光: '广', 辉: '晖', 生: '声', 秀: '绣', 桂: '贵', 玉: '钰', 永: '勇', 晓: '筱', 振: '震', 淑: '姝' };

export interface ModelRoom {
  id: number;
  site: string;
  building: string;
  /** 1单元101, or 201 where the building has no units: as the digest lists it. */
  label: string;
  /** The address as a registry writes it. */
  address: string;
  /** Known before today (setup), or added today by the registry. */
  knownYesterday: boolean;
}

export interface ModelPerson {
  serial: number;
  name: string;
  idNumber: string;
  phone: string;
  /** Where they registered (their current room), null for someone never registered. */
  room: ModelRoom | null;
  role: 'owner' | 'tenant' | 'family';
  registeredToday: boolean;
  /** Their room before they moved (registered there first, then at `room`). */
  movedFrom: ModelRoom | null;
}

export interface ModelRegistryRow {
  ref: string;
  serial: number;
  name: string;
  idNumber: string;
  phone: string;
  room: ModelRoom;
}

export interface ModelRoster {
  landlord: ModelPerson;
  tenants: ModelPerson[];
  /** Days since its latest version. */
  ageDays: number;
  room: ModelRoom;
}

export interface CensusModel {
  rooms: ModelRoom[];
  persons: ModelPerson[];
  /** Person ids by serial, once stored. */
  personIds: Map<number, number>;
  registry: ModelRegistryRow[];
  rejectedRows: number;
  emptyToday: ModelRoom[];
  emptyYesterday: ModelRoom[];
  rosters: ModelRoster[];
  /** Tenants a landlord lists who never registered: persons of their own. */
  listedOnly: number;
}

const setup = `
communities:
  - name: 幸福社区
    sites:
      - name: 新城花园
        kind: compound
        buildings:
${[1, 2, 3, 4, 5, 6, 7, 8]
  .map((b) => `          - name: ${b}栋\n            units:\n              - { name: 1单元, floors: 1-18, roomsPerFloor: 4 }\n              - { name: 2单元, floors: 1-18, roomsPerFloor: 4 }`)
  .join('\n')}
      - name: 新塘里
        kind: village
        buildings:
${Array.from({ length: 40 }, (_, i) => `          - { name: ${90 + i}号, floors: 1-3, roomsPerFloor: 2 }`).join('\n')}
    staff:
      - name: 孙楼长
        phone: '13600136000'
        role: building_leader
        scope: 新城花园/2栋
        accounts: [{ platform: sandbox, id: 孙楼长 }]
`;

interface RoomRow extends Record<string, unknown> {
  id: number;
  site: string;
  building: string;
  unit: string | null;
  room: string;
}

async function storedRooms(db: Db): Promise<RoomRow[]> {
  return db.query<RoomRow>(
    `SELECT r.id, s.name AS site, b.name AS building, u.name AS unit, r.name AS room
     FROM areas r JOIN areas p ON p.id = r.parent_id
     LEFT JOIN areas u ON u.id = p.id AND p.kind = 'unit'
     JOIN areas b ON b.id = CASE WHEN p.kind = 'unit' THEN p.parent_id ELSE p.id END
     JOIN areas s ON s.id = b.parent_id
     WHERE r.kind = 'room' ORDER BY r.id`,
  );
}

const modelRoom = (row: RoomRow, knownYesterday: boolean): ModelRoom => ({
  id: row.id,
  site: row.site,
  building: row.building,
  label: `${row.unit ?? ''}${row.room}`,
  address: row.site === '新塘里' || row.site === '长庚里' ? `${row.site}${row.building}${row.room}` : `${row.building}${row.unit ?? ''}${row.room}`,
  knownYesterday,
});

async function insertMany(db: Db, sql: string, columns: unknown[][]): Promise<void> {
  await db.query(sql, columns);
}

/** Builds the community in the store and returns its model. `dir` receives the registry files. */
export async function buildCensusCommunity(db: Db, cipher: FieldCipher, dir: string, dayStart: Date): Promise<CensusModel> {
  const random = randomFrom(20260305);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  await loadDemo(db, cipher);
  await applySetup(db, cipher, parseSetupFile(setup, 'census.yaml'));
  // The places were set up weeks ago: they are known yesterday as today.
  await db.query(`UPDATE areas SET created_at = $1`, [new Date(dayStart.getTime() - 20 * DAY_MS)]);
  const rooms = (await storedRooms(db)).map((row) => modelRoom(row, true));

  const persons: ModelPerson[] = [];
  let serial = 1;
  const newPerson = (room: ModelRoom | null, role: ModelPerson['role']): ModelPerson => {
    const person: ModelPerson = {
      serial,
      name: `${pick(SURNAMES)}${pick(GIVEN)}${pick(GIVEN)}`,
      idNumber: idFor(serial),
      phone: phoneFor(serial),
      room,
      role,
      registeredToday: random() < 0.1,
      movedFrom: null,
    };
    serial += 1;
    persons.push(person);
    return person;
  };
  const emptyToday: ModelRoom[] = [];
  const emptyYesterday: ModelRoom[] = [];
  for (const room of rooms) {
    const draw = random();
    if (draw < 0.6) {
      const household = 1 + Math.floor(random() * 3);
      const rented = random() < 0.3;
      for (let member = 0; member < household; member++) newPerson(room, rented ? 'tenant' : member === 0 ? 'owner' : 'family');
    } else if (draw < 0.66) {
      (random() < 0.5 ? emptyYesterday : emptyToday).push(room);
    }
  }
  // Movers: registered first elsewhere, then where they live now.
  for (const person of persons.filter(() => random() < 0.03)) person.movedFrom = pick(rooms.filter((room) => room !== person.room));

  const personIds = new Map<number, number>();
  await storePersons(db, cipher, persons, personIds, dayStart);
  await markRooms(db, emptyYesterday, new Date(dayStart.getTime() - 2 * DAY_MS));
  await markRooms(db, emptyToday, new Date(dayStart.getTime() + 60_000));

  // Landlords list their tenants; some tenants are left off, some listed never registered.
  const rosters: ModelRoster[] = [];
  let listedOnly = 0;
  const tenantRooms = new Map<ModelRoom, ModelPerson[]>();
  for (const person of persons) if (person.role === 'tenant' && person.room) tenantRooms.set(person.room, [...(tenantRooms.get(person.room) ?? []), person]);
  for (const [room, tenants] of tenantRooms) {
    if (random() < 0.2) continue;
    const landlord = newPerson(null, 'owner');
    const listed = tenants.filter(() => random() < 0.85);
    const strangers = random() < 0.3 ? [newPerson(null, 'tenant')] : [];
    listedOnly += strangers.length;
    rosters.push({ landlord, tenants: [...listed, ...strangers], ageDays: random() < 0.15 ? 40 : 3, room });
  }
  await storeRosters(db, rosters, personIds, dayStart);

  // The registry: most residents, with a clerk's typos; people who never registered; some twice.
  const registry: ModelRegistryRow[] = [];
  let ref = 1;
  const row = (person: ModelPerson, room: ModelRoom, changes: Partial<ModelRegistryRow> = {}) =>
    registry.push({ ref: `R${String(ref++).padStart(5, '0')}`, serial: person.serial, name: person.name, idNumber: person.idNumber, phone: person.phone, room, ...changes });
  for (const person of persons) {
    if (person.room === null || random() < 0.15) continue;
    const typo = random() < 0.05 ? { name: [...person.name].map((char, index) => (index === 2 ? (HOMOPHONES[char] ?? char) : char)).join('') } : {};
    const otherPhone = random() < 0.05 ? { phone: phoneFor(person.serial + 500_000) } : {};
    row(person, person.movedFrom ?? person.room, { ...typo, ...otherPhone });
    if (random() < 0.02) row(person, person.room);
    if (random() < 0.01) row(person, pick(rooms));
  }
  const unregisteredRooms = rooms.filter((room) => !persons.some((person) => person.room === room));
  for (const room of unregisteredRooms.filter(() => random() < 0.3)) row(newPerson(null, 'owner'), room);
  // Houses of the lane that the setup did not list: the registry makes them known.
  const added: ModelRoom[] = [];
  for (const house of [130, 131]) {
    for (const number of ['101', '102']) {
      const room: ModelRoom = { id: 0, site: '新塘里', building: `${house}号`, label: number, address: `新塘里${house}号${number}`, knownYesterday: false };
      added.push(room);
      row(newPerson(null, 'owner'), room);
    }
  }
  const rejectedRows = await writeRegistryFiles(dir, registry);
  for (const site of ['保利紫山', '长庚里', '新城花园', '新塘里']) {
    await importRegistryFile(db, cipher, path.join(dir, `${site}.csv`), { source: 'property', site, today: '2026-03-05' });
  }
  const addedRows = await storedRooms(db);
  for (const room of added) {
    const stored = addedRows.find((candidate) => candidate.site === room.site && candidate.building === room.building && candidate.room === room.label);
    if (stored) room.id = stored.id;
  }
  rooms.push(...added);
  return { rooms, persons, personIds, registry, rejectedRows, emptyToday, emptyYesterday, rosters, listedOnly };
}

async function storePersons(db: Db, cipher: FieldCipher, persons: ModelPerson[], personIds: Map<number, number>, dayStart: Date): Promise<void> {
  const ids = await db.query<{ id: number }>(
    `INSERT INTO persons (name, id_number_enc, id_number_hash, phone_enc, phone_hash)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) RETURNING id`,
    [
      persons.map((person) => person.name),
      persons.map((person) => cipher.encrypt(person.idNumber)),
      persons.map((person) => cipher.hash('id', person.idNumber)),
      persons.map((person) => cipher.encrypt(person.phone)),
      persons.map((person) => cipher.hash('phone', person.phone)),
    ],
  );
  persons.forEach((person, index) => personIds.set(person.serial, ids[index]?.id ?? 0));
  const registered = persons.filter((person) => person.room !== null);
  const when = (person: ModelPerson) => new Date(dayStart.getTime() + (person.registeredToday ? 60_000 : -3 * DAY_MS));
  const moved = registered.filter((person) => person.movedFrom !== null);
  await insertMany(
    db,
    `INSERT INTO occupancies (person_id, room_id, room_text, role, created_at, until)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::timestamptz[], $6::date[])`,
    [
      moved.map((person) => personIds.get(person.serial)),
      moved.map((person) => person.movedFrom?.id),
      moved.map((person) => person.movedFrom?.address),
      moved.map((person) => person.role),
      moved.map(() => new Date(dayStart.getTime() - 10 * DAY_MS)),
      moved.map(() => new Date(dayStart.getTime() - 5 * DAY_MS).toISOString().slice(0, 10)),
    ],
  );
  await insertMany(
    db,
    `INSERT INTO occupancies (person_id, room_id, room_text, role, created_at)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::timestamptz[])`,
    [
      registered.map((person) => personIds.get(person.serial)),
      registered.map((person) => person.room?.id),
      registered.map((person) => person.room?.address),
      registered.map((person) => person.role),
      registered.map(when),
    ],
  );
  await db.query(
    `INSERT INTO reports (form_id, form_version, person_id, answers_enc, answers_masked, created_at)
     SELECT 'registration', 1, person_id, $2, '{}'::jsonb, created_at FROM unnest($1::bigint[], $3::timestamptz[]) AS r(person_id, created_at)`,
    [registered.map((person) => personIds.get(person.serial)), cipher.encrypt('{}'), registered.map(when)],
  );
}

async function markRooms(db: Db, rooms: ModelRoom[], at: Date): Promise<void> {
  await db.query(
    `INSERT INTO room_marks (room_id, state, source, marked_at) SELECT unnest($1::bigint[]), 'empty', 'test', $2`,
    [rooms.map((room) => room.id), at],
  );
}

async function storeRosters(db: Db, rosters: ModelRoster[], personIds: Map<number, number>, dayStart: Date): Promise<void> {
  const strangers = rosters.flatMap((roster) => [roster.landlord, ...roster.tenants]).filter((person) => !personIds.has(person.serial));
  const ids = await db.query<{ id: number }>(
    `INSERT INTO persons (name, listed_by_landlord) SELECT unnest($1::text[]), true RETURNING id`,
    [strangers.map((person) => person.name)],
  );
  strangers.forEach((person, index) => personIds.set(person.serial, ids[index]?.id ?? 0));
  for (const roster of rosters) {
    const [made] = await db.query<{ id: number }>(
      `INSERT INTO rosters (owner_person_id, kind, name, area_id) VALUES ($1, 'landlord', $2, $3) RETURNING id`,
      [personIds.get(roster.landlord.serial), `${roster.room.address}租户`, roster.room.id],
    );
    const [version] = await db.query<{ id: number }>(
      `INSERT INTO roster_versions (roster_id, version, created_at) VALUES ($1, 1, $2) RETURNING id`,
      [made?.id, new Date(dayStart.getTime() - roster.ageDays * DAY_MS)],
    );
    await db.query(
      `INSERT INTO roster_entries (version_id, line_no, person_id, name, room_raw, action)
       SELECT $1, line_no, person_id, name, $4, 'add' FROM unnest($2::bigint[], $3::text[]) WITH ORDINALITY AS e(person_id, name, line_no)`,
      [version?.id, roster.tenants.map((person) => personIds.get(person.serial)), roster.tenants.map((person) => person.name), roster.room.label],
    );
  }
}

/** One file per site, as committees keep them; a few rows the import must refuse go in too. */
async function writeRegistryFiles(dir: string, registry: ModelRegistryRow[]): Promise<number> {
  let rejected = 0;
  for (const site of ['保利紫山', '长庚里', '新城花园', '新塘里']) {
    const rows = registry.filter((row) => row.room.site === site);
    const lines = ['编号,姓名,身份证号,手机号,住址', ...rows.map((row) => [row.ref, row.name, row.idNumber, row.phone, row.room.address].join(','))];
    lines.push(`BAD-${site}-1,无名,${'1'.repeat(18)},13900000000,${rows[0]?.room.address ?? ''}`, `BAD-${site}-2,某人,,12345,${rows[0]?.room.address ?? ''}`);
    rejected += 2;
    fs.writeFileSync(path.join(dir, `${site}.csv`), `${lines.join('\n')}\n`);
  }
  return rejected;
}
