import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitRegistration } from '../../src/bot/handlers/registration/submit.ts';
import { loadForm } from '../../src/dialogs/form.ts';
import { findOrCreateAccount } from '../../src/store/accounts.ts';
import { createFieldCipher } from '../../src/privacy/index.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { createPerson } from '../../src/store/persons.ts';
import { ensureStaff } from '../../src/store/staff.ts';
import { cliRunner } from '../support/cli.ts';
import { testSecret } from '../support/database.ts';

/** `linli residents export` as staff run it, over a resident of 保利紫山 who answered every question. */
const cli = cliRunner('residents');
const cipher = createFieldCipher(testSecret);

beforeAll(async () => {
  expect((await cli.run(['migrate'])).code).toBe(0);
  const store = await cli.open();
  try {
    await loadDemo(store.db, cipher);
    const building = await store.db.query<{ id: number }>(`SELECT id FROM areas WHERE name = '3栋'`);
    const account = await findOrCreateAccount(store.db, cipher, { platform: 'sandbox', platformUserId: '王芳' });
    await store.db.transaction((tx) =>
      submitRegistration(tx, cipher, {
        form: loadForm('registration'),
        member: 0,
        answers: {
          name: '王芳',
          idNumber: { type: 'resident-id', number: '44060319900101109X', birthDate: '1990-01-01', sex: 'male' },
          phone: '13812345678',
          room: { raw: '3栋2单元502', building: '3', unit: '2', room: '502', street: null },
          role: 'owner',
          returned: false,
          healthCode: 'green',
          lastTest: { date: '2026-03-04', result: 'negative' },
          notes: '腿脚不便，电话13812345678',
        },
        accountId: account.accountId,
        chatId: null,
        areaId: building[0]?.id ?? null,
        today: '2026-03-05',
        campaignId: null,
        observationDays: 14,
      }),
    );
    // A building leader of the village next door, whose scope holds no one registered yet.
    const village = await store.db.query<{ id: number }>(`SELECT id FROM areas WHERE name = '长庚里'`);
    const leader = await createPerson(store.db, cipher, { name: '长庚里楼长' });
    await ensureStaff(store.db, { personId: leader, role: 'building_leader', areaId: village[0]?.id ?? 0 });
  } finally {
    await store.close();
  }
}, 300_000);
afterAll(async () => {
  await cli.drop();
});

describe('linli residents export', { timeout: 300_000 }, () => {
  it('has the site, the last test and the notes (masked)', async () => {
    const result = await cli.run(['residents', 'export']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      name: '王芳',
      site: '保利紫山',
      lastTest: { date: '2026-03-04', result: 'negative' },
      notes: '腿脚不便，电话138****5678',
    });
  });

  it("with --staff, writes only the residents of that staff member's scope, read as them", async () => {
    const committee = await cli.run(['residents', 'export', '--staff', '李主任']);
    expect(committee.code).toBe(0);
    expect(JSON.parse(committee.stdout)).toMatchObject({ name: '王芳', site: '保利紫山' });
    const elsewhere = await cli.run(['residents', 'export', '--staff', '长庚里楼长']);
    expect(elsewhere.code).toBe(0);
    expect(elsewhere.stdout).toBe('');
  });

  it('writes Chinese headers and values with --lang zh', async () => {
    const result = await cli.run(['residents', 'export', '--format', 'csv', '--lang', 'zh']);
    expect(result.code).toBe(0);
    const [header, row] = parse(result.stdout, { bom: true }) as string[][];
    const record = Object.fromEntries((header ?? []).map((title, index) => [title, row?.[index]]));
    expect(record).toMatchObject({
      姓名: '王芳',
      身份证号: '4406**********109X',
      小区: '保利紫山',
      身份: '业主',
      '14天内从外地来': '否',
      健康码: expect.stringContaining('绿'),
      最近核酸: '2026-03-04 阴性',
      其他情况: '腿脚不便，电话138****5678',
    });
    expect(record['登记时间']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });
});
