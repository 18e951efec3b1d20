import { randomBytes } from 'node:crypto';
import { openDatabase, type DatabaseHandle } from '../../src/store/connect.ts';
import { createFieldCipher, type FieldCipher } from '../../src/privacy/index.ts';
import { migrate } from '../../src/store/migrate.ts';

export const testSecret = 'test-secret-for-linli-field-encryption-0123456789';

export interface TestDatabase extends DatabaseHandle {
  cipher: FieldCipher;
}

/**
 * A migrated database of the test's own: a fresh schema on the real Postgres when DATABASE_URL
 * is set (CI), else an in-memory embedded database. Closing drops the schema.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const schema = databaseUrl ? `t_${randomBytes(6).toString('hex')}` : 'public';
  const handle = await openDatabase({ dataDir: '', databaseUrl }, { schema, memory: true });
  await migrate(handle.db);
  return {
    ...handle,
    cipher: createFieldCipher(testSecret),
    async close() {
      if (databaseUrl) await handle.db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await handle.close();
    },
  };
}
