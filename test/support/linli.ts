import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { startLinli, uniqueQueuePrefix, type Linli, type StartOptions } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { openDatabase } from '../../src/store/connect.ts';
import { testSecret } from './database.ts';

export interface TestLinli extends Linli {
  config: Config;
  logFile: string;
  /** The environment that makes a child `linli` process share this store and queue. */
  childEnv: NodeJS.ProcessEnv;
  /** Stops this Linli as a restart would, and starts a new one on the same store and queue. */
  restart(): Promise<TestLinli>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'linli-test-')),
    databaseUrl: process.env.DATABASE_URL || undefined,
    redisUrl: process.env.REDIS_URL || undefined,
    secret: testSecret,
    oldSecrets: [],
    timeZone: 'Asia/Shanghai',
    logLevel: 'info',
    schema: 'public',
    queuePrefix: 'linli',
    dialog: { reminderMinutes: 120, expiryMinutes: 1440 },
    checkin: { askAt: '09:00', remindAt: '14:00' },
    digest: { at: '18:00' },
    market: { askAt: '08:30', remindAt: '11:00' },
    telegram: undefined,
    wechaty: undefined,
    model: undefined,
    ...overrides,
  };
}

export interface TestLinliOptions extends StartOptions {
  /** Embedded only: keep the database in the data folder (so child processes can join) instead of memory. */
  onDisk?: boolean;
}

/**
 * A whole Linli with workers, on the real Postgres and Redis when DATABASE_URL and REDIS_URL
 * are set (each run in a schema and key prefix of its own), else on an embedded store.
 */
export async function startTestLinli(options: TestLinliOptions = {}): Promise<TestLinli> {
  const base = testConfig();
  const config: Config = {
    ...base,
    schema: base.databaseUrl ? `t_${randomBytes(6).toString('hex')}` : 'public',
    queuePrefix: uniqueQueuePrefix(),
  };
  return startOn(config, options);
}

async function startOn(config: Config, options: TestLinliOptions): Promise<TestLinli> {
  const logFile = path.join(config.dataDir, 'linli.log');
  const log = createLogger({ level: 'info', file: logFile });
  const { onDisk, ...startOptions } = options;
  const app = await startLinli(config, log, {
    workers: { sweepEveryMs: 0 },
    database: { memory: !onDisk },
    ...startOptions,
  });
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    LINLI_DATA_DIR: config.dataDir,
    LINLI_SECRET: testSecret,
    LINLI_DB_SCHEMA: config.schema,
    LINLI_QUEUE_PREFIX: config.queuePrefix,
    LOG_LEVEL: 'info',
  };
  return {
    ...app,
    config,
    logFile,
    childEnv,
    async restart() {
      if (!config.databaseUrl && !onDisk) throw new Error('an in-memory store does not survive a restart; start with onDisk');
      await app.close();
      return startOn(config, options);
    },
    async close() {
      await app.close();
      if (config.databaseUrl) {
        const admin = await openDatabase(config);
        await admin.db.query(`DROP SCHEMA IF EXISTS ${config.schema} CASCADE`);
        await admin.close();
      }
      if (config.redisUrl) await dropRedisPrefix(config.redisUrl, config.queuePrefix);
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
