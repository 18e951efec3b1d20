import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestLines } from '../../src/cli/digest.ts';
import { findOnePerson } from '../../src/cli/find-person.ts';
import { digestWindow } from '../../src/reports/digest.ts';
import { digestWorkbook } from '../../src/reports/digest-file.ts';
import { digestText } from '../../src/reports/digest-text.ts';
import type { RegistryDigest } from '../../src/reports/registry-digest.ts';
import { staffDigestReport, type DigestReport } from '../../src/reports/staff-digest.ts';
import { localDay } from '../../src/time.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { buildCensusCommunity, type CensusModel, type ModelPerson, type ModelRoom } from './census-community.ts';

/**
 * Counting everyone, over a generated community of a few thousand residents: every number of the
 * digest's census section is checked against a count made here from the community's model.
 */
const timeZone = 'Asia/Shanghai';
const today = localDay(new Date(), timeZone);
const dayStart = digestWindow(today, timeZone).start;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-census-'));

let t: TestDatabase;
let model: CensusModel;
beforeAll(async () => {
  t = await openTestDatabase();
  model = await buildCensusCommunity(t.db, t.cipher, dir, dayStart);
}, 600_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function reportFor(staff: string): Promise<DigestReport> {
  const person = await findOnePerson(t.db, t.cipher, staff);
  const report = await t.db.transaction((tx) => staffDigestReport(tx, t.cipher, { personId: person.id, day: today, timeZone, now: new Date() }));
  if (!report) throw new Error(`${staff} is not staff`);
  return report;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const roomKey = (room: ModelRoom) => `${room.site}|${room.building}|${room.label}`;

/** The census section as counted from the model, for the rooms a scope holds. */
function expectedCensus(inScope: (room: ModelRoom) => boolean) {
  const rooms = model.rooms.filter(inScope);
  const registeredRooms = (includeToday: boolean) =>
    new Set(model.persons.filter((p) => p.room !== null && (includeToday || !p.registeredToday)).map((p) => roomKey(p.room as ModelRoom)));
  const coverage = (includeToday: boolean) => {
    const known = rooms.filter((room) => includeToday || room.knownYesterday);
    const registered = registeredRooms(includeToday);
    const marked = new Set([...model.emptyYesterday, ...(includeToday ? model.emptyToday : [])].map(roomKey));
    const roomsRegistered = known.filter((room) => registered.has(roomKey(room))).length;
    const roomsEmpty = known.filter((room) => !registered.has(roomKey(room)) && marked.has(roomKey(room))).length;
    const percent = known.length === 0 ? 0 : round1(((roomsRegistered + roomsEmpty) / known.length) * 100);
    return { roomsKnown: known.length, roomsRegistered, roomsEmpty, percent };
  };
  const todayCoverage = coverage(true);
  const yesterdayCoverage = coverage(false);
  const registeredNow = registeredRooms(true);
  const marked = new Set([...model.emptyYesterday, ...model.emptyToday].map(roomKey));
  const unregistered = rooms.filter((room) => !registeredNow.has(roomKey(room)) && !marked.has(roomKey(room))).map(roomKey);

  const bySerial = new Map(model.persons.map((person) => [person.serial, person]));
  const rowsInScope = model.registry.filter((row) => inScope(row.room));
  const listedSerials = new Set(model.registry.map((row) => row.serial));
  const registered = (person: ModelPerson | undefined) => person?.room !== null && person?.room !== undefined;
  const withoutRegistration = new Set(rowsInScope.filter((row) => !registered(bySerial.get(row.serial))).map((row) => row.serial));
  const withoutEntry = model.persons.filter((p) => registered(p) && inScope(p.room as ModelRoom) && !listedSerials.has(p.serial));
  const twoAddresses = model.persons.filter((p) => {
    const places = [...(p.room ? [p.room] : []), ...model.registry.filter((row) => row.serial === p.serial).map((row) => row.room)];
    return new Set(places.map(roomKey)).size > 1 && places.some(inScope);
  });
  const phoneDiffers = model.persons.filter((p) => registered(p) && rowsInScope.some((row) => row.serial === p.serial && row.phone !== p.phone));
  const listed = new Set(model.rosters.flatMap((roster) => roster.tenants.map((tenant) => tenant.serial)));
  const tenantsUnlisted = model.persons.filter((p) => registered(p) && p.role === 'tenant' && inScope(p.room as ModelRoom) && !listed.has(p.serial));
  const staleRosters = model.rosters.filter((roster) => inScope(roster.room) && roster.ageDays >= 30);
  return {
    coverage: { ...todayCoverage, yesterday: yesterdayCoverage, change: round1(todayCoverage.percent - yesterdayCoverage.percent) },
    unregistered: unregistered.sort(),
    entries: rowsInScope.length,
    withoutRegistration: withoutRegistration.size,
    withoutEntry: withoutEntry.length,
    twoAddresses: twoAddresses.length,
    phoneDiffers: phoneDiffers.length,
    tenantsUnlisted: tenantsUnlisted.length,
    staleRosters: staleRosters.length,
  };
}

function actualCensus(census: RegistryDigest) {
  return {
    coverage: census.coverage,
    unregistered: census.unregisteredRooms.flatMap((building) => building.rooms.map((room) => `${building.site}|${building.building}|${room}`)).sort(),
    entries: census.registry?.entries ?? 0,
    withoutRegistration: census.registry?.withoutRegistration.length ?? 0,
    withoutEntry: census.registry?.registrationsWithoutEntry.length ?? 0,
    twoAddresses: census.registry?.twoAddresses.length ?? 0,
    phoneDiffers: census.registry?.phoneDiffers.length ?? 0,
    tenantsUnlisted: census.tenantsUnlisted.length,
    staleRosters: census.staleRosters.length,
  };
}

describe('the census of a generated community', () => {
  it('is of realistic size, with every kind of disagreement present', () => {
    expect(model.rooms.length).toBeGreaterThan(1400);
    expect(model.persons.filter((p) => p.room !== null).length).toBeGreaterThan(1500);
    expect(model.persons.length).toBeGreaterThan(2000);
    expect(model.registry.length).toBeGreaterThan(1500);
    const expected = expectedCensus(() => true);
    for (const count of [expected.withoutRegistration, expected.withoutEntry, expected.twoAddresses, expected.phoneDiffers, expected.tenantsUnlisted, expected.staleRosters]) {
      expect(count).toBeGreaterThan(0);
    }
    expect(expected.coverage.change).not.toBe(0);
  });

  it('gives the committee every number of the whole community as counted from the model', async () => {
    const { digest } = await reportFor('李主任');
    expect(digest.census).toBeDefined();
    expect(actualCensus(digest.census as RegistryDigest)).toEqual(expectedCensus(() => true));
  });

  it("gives a building leader the numbers of the building only", async () => {
    const { digest } = await reportFor('孙楼长');
    const expected = expectedCensus((room) => room.site === '新城花园' && room.building === '2栋');
    expect(expected.coverage.roomsKnown).toBe(144);
    expect(actualCensus(digest.census as RegistryDigest)).toEqual(expected);
  });

  it('says the numbers in the text, and lists every room and person in the workbook', async () => {
    const report = await reportFor('孙楼长');
    const census = report.digest.census as RegistryDigest;
    const text = digestText(report.digest, 'zh-CN', timeZone);
    const c = census.coverage;
    expect(text).toContain(`已知房间${c.roomsKnown}间：已登记${c.roomsRegistered}间，空置${c.roomsEmpty}间，覆盖率${c.percent}%`);
    expect(text).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}/);

    const file = await digestWorkbook(report, 'zh-CN', timeZone);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.data) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const coverage = workbook.getWorksheet('摸排覆盖');
    const values = new Map<string, unknown>();
    coverage?.eachRow((row, number) => {
      if (number > 1) values.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    expect(values.get('已知房间（间）')).toBe(c.roomsKnown);
    expect(values.get('已登记房间（间）')).toBe(c.roomsRegistered);
    expect(values.get('覆盖率（%）')).toBe(c.percent);
    const unregistered = workbook.getWorksheet('未登记房间');
    const rooms = census.unregisteredRooms.reduce((total, building) => total + building.rooms.length, 0);
    expect((unregistered?.rowCount ?? 0) - 1).toBe(rooms);
    expect(unregistered?.getRow(2).getCell(1).value).toBe('新城花园');
    const tenants = workbook.getWorksheet('租客不在房东名单');
    expect((tenants?.rowCount ?? 0) - 1).toBe(census.tenantsUnlisted.length);
  });

  it('is in `linli digest --json`, and `--out` writes the workbook', async () => {
    const out = path.join(dir, 'digest.xlsx');
    const lines = await t.db.transaction((tx) =>
      digestLines(tx, t.cipher, { staff: '孙楼长', json: true, lang: 'zh-CN', out, timeZone, now: new Date() }),
    );
    const printed = JSON.parse(lines[0] ?? '{}') as { census: RegistryDigest };
    expect(actualCensus(printed.census)).toEqual(expectedCensus((room) => room.site === '新城花园' && room.building === '2栋'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.getWorksheet('摸排覆盖')?.getRow(2).getCell(2).value).toBe(printed.census.coverage.roomsKnown);
  });

  it('imported the registry files with the bad rows listed beside them', () => {
    for (const site of ['保利紫山', '长庚里', '新城花园', '新塘里']) {
      const rejected = fs.readFileSync(path.join(dir, `${site}.rejected.csv`), 'utf8').trim().split('\n');
      expect(rejected).toHaveLength(3);
    }
    expect(model.rejectedRows).toBe(8);
  });
});
