import pg from 'pg';
import type { Config } from '../config.ts';
import { createDb, type Db } from './db.ts';
import { startEmbeddedServer, startMemoryServer, type EmbeddedServer } from './embedded.ts';

export interface DatabaseHandle {
  db: Db;
  mode: 'embedded' | 'postgres';
  /** Where BullMQ's Postgres backend connects: the same database and schema. */
  connectionString: string;
  schema: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A schema of its own, so that test runs never collide; 'public' by default. */
  schema?: string;
  /** Embedded only: keep the database in memory instead of the data folder. */
  memory?: boolean;
  poolSize?: number;
}

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDatabase(
  config: Pick<Config, 'dataDir' | 'databaseUrl'>,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseHandle> {
  const schema = options.schema ?? 'public';
  if (!schemaName.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  let embedded: EmbeddedServer | undefined;
  let connectionString: string;
  if (config.databaseUrl) {
    connectionString = config.databaseUrl;
  } else {
    if (schema !== 'public') {
      // PGlite has one session for all connections; a per-connection search_path cannot hold there.
      throw new Error('the embedded database keeps everything in the public schema');
    }
    embedded = options.memory ? await startMemoryServer() : await startEmbeddedServer(config.dataDir);
    connectionString = embedded.connectionString;
  }
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    // A server that does not answer (down, or a network that swallows packets) fails the
    // connect instead of holding the work forever; the caller waits and tries again.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    ...(schema === 'public' ? {} : { options: `-c search_path=${schema}` }),
  });
  pool.on('error', () => {
    // An idle connection that the server dropped; the pool replaces it on next use.
  });
  const db = createDb(pool);
  if (schema !== 'public') await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  return {
    db,
    mode: embedded ? 'embedded' : 'postgres',
    connectionString,
    schema,
    async close() {
      await pool.end();
      await embedded?.stop();
    },
  };
}
