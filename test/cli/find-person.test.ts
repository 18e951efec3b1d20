import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnePerson } from '../../src/cli/find-person.ts';
import { findOrCreateAccount } from '../../src/store/accounts.ts';
import { createPerson } from '../../src/store/persons.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

let t: TestDatabase;
let wang = 0;
let li = 0;
let landlord = 0;

beforeAll(async () => {
  t = await openTestDatabase();
  wang = await createPerson(t.db, t.cipher, { name: '王芳', phone: '13912345678' });
  li = await createPerson(t.db, t.cipher, { name: '李强', phone: '13912345678' });
  await createPerson(t.db, t.cipher, { name: '王芳', phone: '13700001111' });
  // A landlord who only ever pasted lists in chat: no registered name, only the account's.
  landlord = (await findOrCreateAccount(t.db, t.cipher, { platform: 'sandbox', platformUserId: 'u9', displayName: '房东老周' })).personId;
});
afterAll(async () => {
  await t?.close();
});

describe('a person as staff name them on the command line', () => {
  it('takes a name with the phone, however they are separated', async () => {
    for (const who of ['王芳 13912345678', '王芳，139 1234 5678', '王芳/13912345678']) {
      expect(await findOnePerson(t.db, t.cipher, who)).toEqual({ id: wang, name: '王芳' });
    }
    expect(await findOnePerson(t.db, t.cipher, '李强 13912345678')).toEqual({ id: li, name: '李强' });
  });

  it('takes a person id', async () => {
    for (const who of [`id:${li}`, `#${li}`, String(li)]) expect(await findOnePerson(t.db, t.cipher, who)).toEqual({ id: li, name: '李强' });
  });

  it('finds someone known only by the name their chat account shows', async () => {
    expect(await findOnePerson(t.db, t.cipher, '房东老周')).toEqual({ id: landlord, name: '房东老周' });
  });

  it('lists those who share a phone or a name, masked, with their ids', async () => {
    await expect(findOnePerson(t.db, t.cipher, '13912345678')).rejects.toThrow(`id:${wang} 王芳 139****5678; id:${li} 李强 139****5678`);
    await expect(findOnePerson(t.db, t.cipher, '王芳')).rejects.toThrow(/^2 people match 王芳: .*137\*{4}1111/);
    await expect(findOnePerson(t.db, t.cipher, '王芳 13800000000')).rejects.toThrow('nobody registered as 王芳 13800000000');
  });
});
