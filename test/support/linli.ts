import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { startLinli, uniqueQueuePrefix, type Linli, type StartOptions } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { testSecret } from './database.ts';

export interface TestLinli extends Linli {
  config: Config;
  logFile: string;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'linli-test-')),
    databaseUrl: process.env.DATABASE_URL || undefined,
    redisUrl: process.env.REDIS_URL || undefined,
    secret: testSecret,
    timeZone: 'Asia/Shanghai',
    logLevel: 'info',
    telegram: undefined,
    wechaty: undefined,
    model: undefined,
    ...overrides,
  };
}

/**
 * A whole Linli with workers, on the real Postgres and Redis when DATABASE_URL and REDIS_URL
 * are set (each run in a schema and key prefix of its own), else on an in-memory embedded store.
 */
export async function startTestLinli(options: StartOptions = {}): Promise<TestLinli> {
  const config = testConfig();
  const schema = config.databaseUrl ? `t_${randomBytes(6).toString('hex')}` : 'public';
  const prefix = uniqueQueuePrefix();
  const logFile = path.join(config.dataDir, 'linli.log');
  const log = createLogger({ level: 'info', file: logFile });
  const app = await startLinli(config, log, {
    workers: { sweepEveryMs: 0 },
    database: { schema, memory: true },
    queuePrefix: prefix,
    ...options,
  });
  return {
    ...app,
    config,
    logFile,
    async close() {
      await app.close();
      if (config.databaseUrl) {
        const { openDatabase } = await import('../../src/store/connect.ts');
        const admin = await openDatabase(config);
        await admin.db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.close();
      }
      if (config.redisUrl) await dropRedisPrefix(config.redisUrl, prefix);
      log.flush();
    },
  };
}

async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
