import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInTransaction } from '../../src/store/read-memo.ts';
import { readAsStaff } from '../../src/store/staff-reads.ts';
import { createPerson } from '../../src/store/persons.ts';
import type { Queryable } from '../../src/store/db.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * A read repeated in one transaction is read once, and again after anything that changes what it
 * would find: a write, or a switch to a staff member's role and scope.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await createPerson(t.db, t.cipher, { name: '张伟' });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const names = (q: Queryable) =>
  readInTransaction(q, 'names', () => q.query<{ name: string }>('SELECT name FROM persons ORDER BY id')).then((rows) => rows.map((row) => row.name));

describe('a read repeated in a transaction', () => {
  it('is read again after a write', async () => {
    await t.db.transaction(async (tx) => {
      expect(await names(tx)).toEqual(['张伟']);
      await tx.query("INSERT INTO persons (name) VALUES ('王丽')");
      expect(await names(tx)).toEqual(['张伟', '王丽']);
      await tx.query("DELETE FROM persons WHERE name = '王丽'");
    });
  });

  it('is read again as the staff member, who sees no one of a scope without places', async () => {
    await t.db.transaction(async (tx) => {
      expect(await names(tx)).toEqual(['张伟']);
      const asStaff = await readAsStaff(tx, { personId: 0, areaIds: [], communityWide: false }, (staffQ) => names(staffQ));
      expect(asStaff).toEqual([]);
      expect(await names(tx)).toEqual(['张伟']);
    });
  });
});
