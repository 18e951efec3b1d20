import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateAccount } from '../../src/store/accounts.ts';
import { mergePersonInto } from '../../src/store/merge.ts';
import { getPerson, updatePerson } from '../../src/store/persons.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe('merging two records of one person', () => {
  it('moves accounts, reports and rooms to the kept record and keeps what only the other knew', async () => {
    const wechat = await findOrCreateAccount(t.db, t.cipher, { platform: 'wechat', platformUserId: 'wx-1' });
    const telegram = await findOrCreateAccount(t.db, t.cipher, { platform: 'telegram', platformUserId: '555' });
    await updatePerson(t.db, t.cipher, wechat.personId, { name: '王芳' });
    await updatePerson(t.db, t.cipher, telegram.personId, { phone: '13812345678' });
    await t.db.query(
      `INSERT INTO reports (form_id, form_version, person_id, answers_enc, answers_masked) VALUES ('registration', 1, $1, 'x', '{}')`,
      [telegram.personId],
    );
    await t.db.query(`INSERT INTO occupancies (person_id, room_text, role) VALUES ($1, '3栋502', 'owner')`, [telegram.personId]);
    await t.db.transaction((tx) => mergePersonInto(tx, wechat.personId, telegram.personId));

    const accounts = await t.db.query<{ person_id: number }>('SELECT DISTINCT person_id FROM accounts');
    expect(accounts).toEqual([{ person_id: wechat.personId }]);
    const moved = await t.db.query<{ n: number }>(
      'SELECT (SELECT count(*) FROM reports WHERE person_id = $1) + (SELECT count(*) FROM occupancies WHERE person_id = $1) AS n',
      [wechat.personId],
    );
    expect(Number(moved[0]?.n)).toBe(2);
    expect(await getPerson(t.db, t.cipher, telegram.personId)).toBeUndefined();
    expect(await getPerson(t.db, t.cipher, wechat.personId)).toMatchObject({ name: '王芳', phone: '13812345678' });
  });
});
