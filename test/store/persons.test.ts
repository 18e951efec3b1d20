import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateAccount } from '../../src/store/accounts.ts';
import { createPerson, findPersonByIdNumber, findPersonsByPhone, getPerson, updatePerson } from '../../src/store/persons.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe('persons', () => {
  it('stores ID numbers and phones encrypted and finds them by keyed hash', async () => {
    const id = await createPerson(t.db, t.cipher, { name: '王芳', idNumber: '44060319900101123X', phone: '13812345678' });
    const raw = await t.db.query<Record<string, unknown>>('SELECT * FROM persons WHERE id = $1', [id]);
    const dump = JSON.stringify(raw);
    expect(dump).not.toContain('44060319900101123X');
    expect(dump).not.toContain('13812345678');
    expect((await findPersonByIdNumber(t.db, t.cipher, '44060319900101123X'))?.id).toBe(id);
    expect((await findPersonsByPhone(t.db, t.cipher, '13812345678')).map((p) => p.id)).toEqual([id]);
    const person = await getPerson(t.db, t.cipher, id);
    expect(person).toMatchObject({ name: '王芳', idNumber: '44060319900101123X', phone: '13812345678' });
  });

  it('refuses a second person with the same ID number', async () => {
    await createPerson(t.db, t.cipher, { idNumber: '110101199003077777' });
    await expect(createPerson(t.db, t.cipher, { idNumber: '110101199003077777' })).rejects.toThrow();
  });

  it('updates only the given fields', async () => {
    const id = await createPerson(t.db, t.cipher, { name: '李雷', phone: '13900001111' });
    await updatePerson(t.db, t.cipher, id, { phone: '13900002222' });
    expect(await getPerson(t.db, t.cipher, id)).toMatchObject({ name: '李雷', phone: '13900002222' });
    expect(await findPersonsByPhone(t.db, t.cipher, '13900001111')).toEqual([]);
  });

  it('gives one account per platform user, however often it is asked', async () => {
    const first = await findOrCreateAccount(t.db, t.cipher, { platform: 'sandbox', platformUserId: '张三' });
    const again = await findOrCreateAccount(t.db, t.cipher, { platform: 'sandbox', platformUserId: '张三' });
    expect(again).toEqual(first);
    const [both] = await Promise.all([
      findOrCreateAccount(t.db, t.cipher, { platform: 'sandbox', platformUserId: 'racer' }),
      findOrCreateAccount(t.db, t.cipher, { platform: 'sandbox', platformUserId: 'racer' }),
    ]);
    const count = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM accounts WHERE platform_user_id = 'racer'",
    );
    expect(count[0]?.n).toBe(1);
    expect(both.personId).toBeGreaterThan(0);
  });
});
