import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRegistryFile, rejectedFileOf } from '../../src/jobs/registry-import.ts';
import { rebuildFindKeys } from '../../src/store/find-index.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { residentId } from '../reports/digest-community.ts';

/** A committee's registry, imported from the files it comes in: every row either in the store or listed with why. */
let t: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-registry-'));
const today = '2026-03-05';

beforeAll(async () => {
  t = await openTestDatabase();
  await loadDemo(t.db, t.cipher);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const csv = [
  '编号,姓名,身份证号,手机号,住址',
  `A001,张伟,${residentId(1)},13800008000,3栋1单元101`,
  `A002,王丽,${residentId(2)},13900001234,3-2-502`,
  `A003,李四,${residentId(3).slice(0, 17)}0,13700001111,1栋1单元201`,
  'A004,赵六,,1370000,1栋1单元202',
  'A005,钱七,,,',
  `A006,孙八,,13600002222,1栋1单元102`,
].join('\n');

describe('residents import', () => {
  it('imports a .csv with Chinese headings, lists the rejected rows beside it, and changes nothing the second time', async () => {
    const file = path.join(dir, '物业底册.csv');
    fs.writeFileSync(file, csv);
    const first = await importRegistryFile(t.db, t.cipher, file, { source: 'property', site: '保利紫山', today });
    expect(first).toMatchObject({ rows: 6, added: 3, updated: 0, unchanged: 0, rejected: 3, personsCreated: 3, rejectedFile: rejectedFileOf(file) });
    const rejected = fs.readFileSync(rejectedFileOf(file), 'utf8');
    const lines = rejected.split('\n').filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^4,身份证号校验位不对.*,李四,4406\*+\d{4},/);
    expect(lines[2]).toMatch(/^5,这不像是一个手机号.*,赵六,/);
    expect(lines[3]).toMatch(/^6,没有住址.*,钱七,/);
    expect(rejected).not.toContain(residentId(3).slice(0, 17));

    const entries = await t.db.query<{ ref: string; room_id: number | null; building: string; room: string; id_number_enc: string | null }>(
      'SELECT ref, room_id, building, room, id_number_enc FROM registry_entries ORDER BY ref',
    );
    expect(entries.map((entry) => [entry.ref, entry.building, entry.room, entry.room_id !== null])).toEqual([
      ['A001', '3', '101', true],
      ['A002', '3', '502', true],
      ['A006', '1', '102', true],
    ]);
    expect(entries[0]?.id_number_enc).not.toContain(residentId(1));

    const again = await importRegistryFile(t.db, t.cipher, file, { source: 'property', site: '保利紫山', today });
    expect(again).toMatchObject({ rows: 6, added: 0, updated: 0, unchanged: 3, personsCreated: 0 });
    expect(await t.db.query('SELECT id FROM registry_entries')).toHaveLength(3);
  });

  it('reads .xlsx and .jsonl alike, and a changed row is updated, not added', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('底册');
    sheet.addRow(['name', 'id_number', 'phone', 'address', 'ref']);
    sheet.addRow(['周九', residentId(9), '13500009999', '长庚里96号201', 'X9']);
    sheet.addRow(['吴十', residentId(10), '13500001010', '长庚里98号101', 'X10']);
    const xlsx = path.join(dir, 'door.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const fromXlsx = await importRegistryFile(t.db, t.cipher, xlsx, { source: 'door', today });
    expect(fromXlsx).toMatchObject({ rows: 2, added: 2, rejected: 0, rejectedFile: null });

    const jsonl = path.join(dir, 'door.jsonl');
    fs.writeFileSync(jsonl, [
      JSON.stringify({ ref: 'X9', name: '周九', id_number: residentId(9), phone: '13500009990', address: '长庚里96号201' }),
      JSON.stringify({ ref: 'X10', name: '吴十', id_number: residentId(10), phone: 13500001010, address: '长庚里98号101' }),
    ].join('\n'));
    const fromJsonl = await importRegistryFile(t.db, t.cipher, jsonl, { source: 'door', today });
    expect(fromJsonl).toMatchObject({ rows: 2, added: 0, updated: 1, unchanged: 1, personsCreated: 0 });
  });

  it('indexes the persons it makes with the keys a rebuild from the store would give them', async () => {
    const file = path.join(dir, '户籍底册.csv');
    fs.writeFileSync(file, [
      '编号,姓名,身份证号,手机号,住址',
      `H1,郑十一,${residentId(11)},13300001111,3栋1单元101`,
      // The same person again, at a lane the compound does not know, under another name and phone.
      `H2,郑拾壹,${residentId(11)},13300001112,新塘里96号`,
      `H3,冯十二,${residentId(12)},,1栋1单元999`,
      'H4,陈十三,,13300001313,2栋2单元301',
      'H5,陈十三,,13300001313,2栋2单元302',
      `H6,褚十四,,13300001414,3-2-502`,
    ].join('\n'));
    const report = await importRegistryFile(t.db, t.cipher, file, { source: 'household', site: '保利紫山', today });
    expect(report).toMatchObject({ rejected: 0 });
    const keysOfImported = async () =>
      t.db.query<{ person_id: number; keys: string[] }>(
        `SELECT f.person_id, f.keys::text[] AS keys FROM find_keys f
         WHERE f.person_id IN (SELECT person_id FROM registry_entries WHERE source = 'household') ORDER BY f.person_id`,
      );
    const written = await keysOfImported();
    const persons = await t.db.query<{ person_id: number }>("SELECT DISTINCT person_id FROM registry_entries WHERE source = 'household'");
    expect(written.map((row) => row.person_id)).toEqual(persons.map((row) => row.person_id).sort((a, b) => a - b));
    expect(written.every((row) => row.keys.length >= 5)).toBe(true);
    await rebuildFindKeys(t.db, t.cipher, persons.map((row) => row.person_id));
    expect(await keysOfImported()).toEqual(written);
  });
});
