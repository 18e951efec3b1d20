import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadForm } from '../../src/dialogs/form.ts';
import { retentionPurgeJob } from '../../src/jobs/retention.ts';
import { campaignSettingsSchema, saveCampaign } from '../../src/store/campaigns.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { createPerson } from '../../src/store/persons.ts';
import { insertReport } from '../../src/store/reports.ts';
import { purgeExpired } from '../../src/store/retention.ts';
import { ensureStaff } from '../../src/store/staff.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';
import { until } from '../support/until.ts';

/** Personal data is kept as long as the consent said, and then deleted; the counts stay. */
let linli: TestLinli;
let communityId: number;
beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
  communityId = (await linli.deps.db.query<{ id: number }>(`SELECT id FROM areas WHERE kind = 'community'`))[0]?.id ?? 0;
});
afterAll(async () => {
  await linli?.close();
});

const form = loadForm('registration');

async function registered(name: string, idNumber: string, campaignId: number | null, createdAt?: string): Promise<number> {
  const { db, cipher } = linli.deps;
  const personId = await createPerson(db, cipher, { name, idNumber, phone: `139${idNumber.slice(-8)}` });
  const reportId = await insertReport(db, cipher, { form, personId, accountId: null, chatId: null, campaignId, answers: { name, idNumber, free: '无' } });
  if (createdAt) await db.query('UPDATE reports SET created_at = $2 WHERE id = $1', [reportId, createdAt]);
  return personId;
}

const person = async (id: number) =>
  (await linli.deps.db.query<{ name: string | null; id_number_enc: string | null; erased_at: Date | null }>('SELECT name, id_number_enc, erased_at FROM persons WHERE id = $1', [id]))[0];
const reportAnswers = async (personId: number) =>
  (await linli.deps.db.query<{ answers_enc: string }>('SELECT answers_enc FROM reports WHERE person_id = $1', [personId])).map((row) =>
    JSON.parse(linli.deps.cipher.decrypt(row.answers_enc)) as Record<string, unknown>,
  );

describe('retention', () => {
  it('deletes a campaign\'s personal data once its retention after the end has run out, and keeps the rows for the counts', async () => {
    const { db, cipher } = linli.deps;
    const ended = await saveCampaign(db, { communityId, name: '春节返乡登记', formId: 'registration', startsOn: '2026-01-10', endsOn: '2026-02-10', retentionDays: 30, settings: campaignSettingsSchema.parse({}) });
    const running = await saveCampaign(db, { communityId, name: '出租屋普查', formId: 'registration', startsOn: '2026-02-01', endsOn: '2026-03-01', retentionDays: 30, settings: campaignSettingsSchema.parse({}) });
    const resident = await registered('周敏', '110101199003071234', ended);
    const volunteer = await registered('吴楼长', '110101199003075678', ended);
    const siteId = (await db.query<{ id: number }>(`SELECT id FROM areas WHERE name = '保利紫山'`))[0]?.id ?? 0;
    await ensureStaff(db, { personId: volunteer, role: 'property_manager', areaId: siteId });
    const later = await registered('郑强', '110101199003079999', running);

    expect(await purgeExpired(db, cipher, '2026-03-12')).toEqual({ campaigns: [], reports: 0, persons: 0 });
    expect(await purgeExpired(db, cipher, '2026-03-13')).toEqual({ campaigns: ['春节返乡登记'], reports: 2, persons: 1 });

    expect(await person(resident)).toMatchObject({ name: null, id_number_enc: null });
    expect(await reportAnswers(resident)).toEqual([{}]);
    // A staff member's own record stays (they still work), but the campaign's answers go.
    expect(await person(volunteer)).toMatchObject({ name: '吴楼长', erased_at: null });
    expect(await reportAnswers(volunteer)).toEqual([{}]);
    // Another campaign's people are untouched until their own time.
    expect(await person(later)).toMatchObject({ name: '郑强' });
    expect(await reportAnswers(later)).toEqual([{ name: '郑强', idNumber: '110101199003079999', free: '无' }]);

    expect(await purgeExpired(db, cipher, '2026-03-13')).toEqual({ campaigns: [], reports: 0, persons: 0 });
    const audit = await db.query<{ details: unknown }>(`SELECT details FROM audit_log WHERE action = 'retention.purge'`);
    expect(audit).toEqual([{ details: { campaigns: [ended], reports: 2, persons: 1 } }]);
  });

  it('outside any campaign, deletes what was last reported longer ago than the consent said', async () => {
    const { db, cipher } = linli.deps;
    const old = await registered('冯老伯', '110101195001011230', null, '2025-08-01T02:00:00Z');
    const recent = await registered('陈阿姨', '110101196001011231', null, '2026-03-01T02:00:00Z');
    expect(await purgeExpired(db, cipher, '2026-03-05', 180)).toMatchObject({ reports: 1, persons: 1 });
    expect(await person(old)).toMatchObject({ name: null });
    expect(await person(recent)).toMatchObject({ name: '陈阿姨' });
  });

  it('runs as the daily timers job', async () => {
    const { db } = linli.deps;
    const due = await saveCampaign(db, { communityId, name: '防汛转移名单', formId: 'registration', startsOn: '2025-06-01', endsOn: '2025-07-01', retentionDays: 30, settings: campaignSettingsSchema.parse({}) });
    const evacuee = await registered('褚大爷', '110101194501011232', due);
    await linli.deps.jobs.add('timers', retentionPurgeJob, {}, { jobId: `${retentionPurgeJob}-test` });
    await until(async () => (await person(evacuee))?.name === null);
    expect(await reportAnswers(evacuee)).toEqual([{}]);
  });
});
