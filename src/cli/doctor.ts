import { createRequire } from 'node:module';
import { Command } from 'commander';
import { Bot } from 'grammy';
import { jobBackendFor } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { createJobQueues } from '../jobs/queue.ts';
import { openDatabase } from '../store/connect.ts';
import { pendingMigrations } from '../store/migrate.ts';
import { errorMessage } from '../errors.ts';

export interface Check {
  part: 'database' | 'queue' | 'channel' | 'model' | 'secret';
  name: string;
  configured: string;
  ok: boolean;
  detail: string;
}

/** A connection string with its password hidden. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unreadable URL)';
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runChecks(config: Config): Promise<Check[]> {
  const checks: Check[] = [];
  checks.push({
    part: 'secret',
    name: 'personal-data key',
    configured: config.secret ? 'LINLI_SECRET' : config.databaseUrl ? 'missing' : `${config.dataDir}/secret.key`,
    ok: Boolean(config.secret) || !config.databaseUrl,
    detail: config.secret || !config.databaseUrl ? 'set' : 'LINLI_SECRET must be set with DATABASE_URL',
  });
  const databaseLabel = config.databaseUrl ? redactUrl(config.databaseUrl) : `embedded (PGlite) in ${config.dataDir}`;
  let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    database = await withTimeout(openDatabase(config, { schema: config.schema }), 15_000);
    const version = await database.db.query<{ version: string }>('SELECT version()');
    const pending = await pendingMigrations(database.db);
    checks.push({
      part: 'database',
      name: config.databaseUrl ? 'Postgres' : 'embedded',
      configured: databaseLabel,
      ok: true,
      detail: `${(version[0]?.version ?? '').split(' on ')[0]}; ${pending.length === 0 ? 'migrations applied' : `${pending.length} migrations pending (npx linli migrate)`}`,
    });
  } catch (error) {
    checks.push({ part: 'database', name: 'database', configured: databaseLabel, ok: false, detail: errorMessage(error) });
  }
  if (database) {
    const jobs = createJobQueues(jobBackendFor(config, database, config.queuePrefix));
    try {
      await withTimeout(jobs.ping(), 10_000);
      checks.push({
        part: 'queue',
        name: jobs.backend === 'redis' ? 'BullMQ on Redis' : 'BullMQ on Postgres',
        configured: config.redisUrl ? redactUrl(config.redisUrl) : 'the database (no REDIS_URL)',
        ok: true,
        detail: 'answers',
      });
    } catch (error) {
      checks.push({ part: 'queue', name: 'BullMQ', configured: config.redisUrl ? redactUrl(config.redisUrl) : 'the database', ok: false, detail: errorMessage(error) });
    } finally {
      await jobs.close().catch(() => undefined);
      await database.close();
    }
  }
  checks.push({ part: 'channel', name: 'sandbox', configured: 'always on', ok: true, detail: 'npm start (terminal) or npx linli sim' });
  checks.push(await checkTelegram(config));
  checks.push(checkWechat(config));
  checks.push(await checkModel(config));
  return checks;
}

async function checkTelegram(config: Config): Promise<Check> {
  if (!config.telegram) {
    return { part: 'channel', name: 'telegram', configured: 'off (no TELEGRAM_BOT_TOKEN)', ok: true, detail: 'not configured' };
  }
  const mode = config.telegram.webhook ? `webhook ${config.telegram.webhook.url}` : 'long polling';
  const apiRoot = config.telegram.apiRoot?.replace(/\/+$/, '');
  try {
    const me = await withTimeout(new Bot(config.telegram.token, { client: apiRoot ? { apiRoot } : {} }).api.getMe(), 10_000);
    return { part: 'channel', name: 'telegram', configured: `@${me.username}, ${mode}`, ok: true, detail: 'answers' };
  } catch (error) {
    return { part: 'channel', name: 'telegram', configured: `TELEGRAM_BOT_TOKEN set, ${mode}`, ok: false, detail: errorMessage(error) };
  }
}

/** WeChat logs in by QR code when Linli starts; here only the puppet's package can be checked. */
function checkWechat(config: Config): Check {
  if (!config.wechaty) return { part: 'channel', name: 'wechat', configured: 'off (no WECHATY_PUPPET)', ok: true, detail: 'not configured' };
  const configured = `WECHATY_PUPPET=${config.wechaty.puppet}`;
  try {
    createRequire(import.meta.url).resolve(config.wechaty.puppet);
    return { part: 'channel', name: 'wechat', configured, ok: true, detail: 'puppet installed; scan the QR code that npm start prints to log in' };
  } catch {
    return { part: 'channel', name: 'wechat', configured, ok: false, detail: `the puppet package is not installed: npm install ${config.wechaty.puppet}` };
  }
}

async function checkModel(config: Config): Promise<Check> {
  if (!config.model) {
    return { part: 'model', name: 'model', configured: 'off (no OPENAI_API_KEY/OPENAI_MODEL)', ok: true, detail: 'the rules work alone' };
  }
  const base = (config.model.baseUrl ?? 'https://api.openai.com/v1').replace(/\/$/, '');
  try {
    const response = await withTimeout(
      fetch(`${base}/models`, { headers: { authorization: `Bearer ${config.model.apiKey}` } }),
      10_000,
    );
    return {
      part: 'model',
      name: config.model.model,
      configured: redactUrl(base),
      ok: response.ok,
      detail: response.ok ? 'answers' : `answered HTTP ${response.status}`,
    };
  } catch (error) {
    return { part: 'model', name: config.model.model, configured: redactUrl(base), ok: false, detail: errorMessage(error) };
  }
}

export function doctorCommand(): Command {
  return new Command('doctor')
    .option('--json', 'print the checks as JSON')
    .action(async (options: { json?: boolean }) => {
      const checks = await runChecks(loadConfig());
      if (options.json) {
        process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
      } else {
        for (const check of checks) {
          process.stdout.write(`${check.ok ? '✓' : '✗'} ${check.part.padEnd(8)} ${check.name}: ${check.configured} — ${check.detail}\n`);
        }
      }
      process.exitCode = checks.every((check) => check.ok) ? 0 : 1;
    });
}
