import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitRegistration } from '../../src/bot/handlers/registration/submit.ts';
import { loadForm } from '../../src/dialogs/form.ts';
import { findOrCreateAccount } from '../../src/store/accounts.ts';
import { currentResidents, residentKeys } from '../../src/reports/residents.ts';
import { residentsCsv, residentsJsonl, residentsXlsx } from '../../src/reports/residents-file.ts';
import { cliRunner } from '../support/cli.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

let t: TestDatabase;
const form = loadForm('registration');
const answers = {
  name: '王芳',
  idNumber: { type: 'resident-id', number: '44060319900101109X', birthDate: '1990-01-01', sex: 'male' },
  phone: '13812345678',
  room: { raw: '3栋2单元502', building: '3', unit: '2', room: '502', street: null },
  role: 'owner',
  hukou: { raw: '广东揭阳', province: '广东省', city: '揭阳市' },
  since: '2021-03-01',
  returned: true,
  fromCity: { province: '湖北省', city: '武汉市' },
  arrivalDate: '2026-03-02',
  viaCities: [{ province: '湖南省', city: '长沙市' }],
  healthCode: 'green',
  vaccineDoses: 3,
};

beforeAll(async () => {
  t = await openTestDatabase();
  const account = await findOrCreateAccount(t.db, t.cipher, { platform: 'sandbox', platformUserId: '王芳' });
  await t.db.transaction(async (tx) => {
    await submitRegistration(tx, t.cipher, { form, member: 0, answers, accountId: account.accountId, chatId: null, areaId: null, today: '2026-03-05', campaignId: null, observationDays: 14 });
    await submitRegistration(tx, t.cipher, {
      form,
      member: 1,
      answers: { ...answers, name: '李雷', idNumber: { type: 'resident-id', number: '110101199003071057', birthDate: '1990-03-07', sex: 'male' }, returned: false, role: 'family' },
      accountId: account.accountId,
      chatId: null,
      areaId: null,
      today: '2026-03-05',
      campaignId: null,
      observationDays: 14,
    });
  });
});
afterAll(async () => {
  await t.close();
});

describe('residents export', () => {
  it('gives one current registration per person with the agreed keys, masked', async () => {
    const rows = await currentResidents(t.db, t.cipher, { unmasked: false });
    expect(rows).toHaveLength(2);
    const wang = rows.find((row) => row.name === '王芳');
    expect(Object.keys(wang ?? {})).toEqual([...residentKeys]);
    expect(wang).toMatchObject({
      idNumber: '4406**********109X',
      phone: '138****5678',
      building: '3',
      unit: '2',
      room: '502',
      role: 'owner',
      hukou: '广东省 揭阳市',
      returned: true,
      fromCity: '武汉市',
      arrivalDate: '2026-03-02',
      viaCities: ['长沙市'],
      healthCode: 'green',
      vaccineDoses: 3,
      observationUntil: '2026-03-16',
    });
    const li = rows.find((row) => row.name === '李雷');
    expect(li?.householdId).toBe(wang?.householdId);
    expect(li?.observationUntil).toBeNull();
  });

  it('writes the full numbers only when asked', async () => {
    const rows = await currentResidents(t.db, t.cipher, { unmasked: true });
    expect(rows.map((row) => row.idNumber).sort()).toEqual(['110101199003071057', '44060319900101109X']);
  });

  it('writes JSON lines, CSV and a workbook with the same columns', async () => {
    const rows = await currentResidents(t.db, t.cipher, { unmasked: false });
    const lines = residentsJsonl(rows).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line['name']).sort()).toEqual(['李雷', '王芳']);
    const csv = parse(residentsCsv(rows), { bom: true }) as string[][];
    expect(csv[0]).toEqual([...residentKeys]);
    expect(csv.slice(1).find((r) => r[0] === '王芳')?.[12]).toBe('长沙市');
    const workbook = new ExcelJS.Workbook();
    // exceljs types its argument with an older Buffer than @types/node's; the bytes are the same.
    await workbook.xlsx.load((await residentsXlsx(rows)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('residents');
    expect(sheet?.getRow(1).getCell(2).value).toBe('idNumber');
    expect(sheet?.rowCount).toBe(3);
  });
});

describe('linli residents export', () => {
  const cli = cliRunner('export');
  const run = (args: string[]) => cli.run(['residents', 'export', ...args]);
  afterAll(() => cli.drop());

  // Two child processes, each opening the store: generous, as a shared CI machine may be slow.
  it('records an unmasked export in the audit log', async () => {
    const out = path.join(cli.dataDir, 'residents.csv');
    const result = await run(['--format', 'csv', '--unmasked', '--out', out]);
    expect(result.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('idNumber');
    const audit = await run(['--format', 'jsonl']);
    expect(audit.code).toBe(0);
    const store = await cli.open();
    try {
      const rows = await store.db.query<{ action: string }>('SELECT action FROM audit_log');
      expect(rows.map((row) => row.action)).toEqual(['residents.export.unmasked']);
    } finally {
      await store.close();
    }
  }, 180_000);
});
