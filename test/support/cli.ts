import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/store/connect.ts';
import { runNode } from './child.ts';
import { testSecret } from './database.ts';

/**
 * `linli` run as staff run it, a real process, on a store of its own: a data folder (the embedded
 * store) or, with DATABASE_URL (CI), a fresh schema, and a queue prefix of its own.
 */
export function cliRunner(name: string) {
  const bin = path.resolve('bin/linli.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `linli-${name}-`));
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const schema = databaseUrl ? `t_${randomBytes(6).toString('hex')}` : 'public';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LINLI_DATA_DIR: dataDir,
    LINLI_SECRET: testSecret,
    LINLI_DB_SCHEMA: schema,
    LINLI_QUEUE_PREFIX: `linli-${randomBytes(4).toString('hex')}`,
  };
  const run = (args: readonly string[], options: { input?: string } = {}) => runNode([bin, ...args], { env, ...options });
  /** Drops the schema the runs used (CI); the embedded store goes with the data folder. */
  const drop = async () => {
    if (!databaseUrl) return;
    const admin = await openDatabase({ dataDir, databaseUrl });
    await admin.db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  };
  /** The store the runs use, opened in the test's own process. */
  const open = () => openDatabase({ dataDir, databaseUrl }, { schema });
  return { bin, dataDir, schema, env, run, open, drop };
}
