import { randomBytes } from 'node:crypto';
import { startLinli, uniqueQueuePrefix, type Linli, type StartOptions } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { openDatabase } from '../../src/store/connect.ts';
import { startMemoryServer, type EmbeddedServer } from '../../src/store/embedded.ts';
import { testConfig } from './linli.ts';
import { hostAndPort, startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

export interface LinliBehindProxies {
  linli: Linli;
  config: Config;
  /** Between Linli and its database (and, without Redis, its queue, which lives there too). */
  database: TcpProxy;
  /** Between Linli and Redis, when the tests run with Redis. */
  redis: TcpProxy | undefined;
  close(): Promise<void>;
}

/**
 * A whole Linli whose database (and Redis) connections go through proxies the test can cut: on
 * the real Postgres and Redis in a schema and prefix of its own (CI), else on an embedded
 * database of its own. The shared servers are never restarted.
 */
export async function startLinliBehindProxies(options: StartOptions = {}): Promise<LinliBehindProxies> {
  const base = testConfig();
  let embedded: EmbeddedServer | undefined;
  const directUrl = base.databaseUrl ?? (embedded = await startMemoryServer()).connectionString;
  const database = await startTcpProxy(hostAndPort(directUrl, 5432));
  const redis = base.redisUrl ? await startTcpProxy(hostAndPort(base.redisUrl, 6379)) : undefined;
  const config: Config = {
    ...base,
    databaseUrl: database.url(directUrl),
    redisUrl: redis && base.redisUrl ? redis.url(base.redisUrl) : undefined,
    // The embedded server keeps one session for all connections: everything in public there.
    schema: base.databaseUrl ? `t_${randomBytes(6).toString('hex')}` : 'public',
    queuePrefix: uniqueQueuePrefix(),
  };
  const log = createLogger({ level: 'info', file: `${config.dataDir}/linli.log` });
  const linli = await startLinli(config, log, { workers: { sweepEveryMs: 0 }, database: { memory: true }, ...options });
  return {
    linli,
    config,
    database,
    redis,
    async close() {
      database.restore();
      redis?.restore();
      await linli.close();
      if (base.databaseUrl) {
        const admin = await openDatabase({ dataDir: '', databaseUrl: base.databaseUrl });
        await admin.db.query(`DROP SCHEMA IF EXISTS ${config.schema} CASCADE`);
        await admin.close();
      }
      await database.close();
      await redis?.close();
      await embedded?.stop();
      log.flush();
    },
  };
}
