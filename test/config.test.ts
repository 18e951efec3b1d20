import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('settings', () => {
  it('runs on the embedded default with no settings at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      redisUrl: undefined,
      secret: undefined,
      timeZone: 'Asia/Shanghai',
      logLevel: 'info',
      schema: 'public',
      telegram: undefined,
      model: undefined,
    });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('reads the production settings', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://linli@db:5432/linli',
      REDIS_URL: 'redis://cache:6379',
      LINLI_SECRET: 'x'.repeat(40),
      TZ: 'Asia/Urumqi',
      OPENAI_API_KEY: 'k',
      OPENAI_MODEL: 'qwen-plus',
      OPENAI_BASE_URL: 'https://dashscope.example/compatible-mode/v1',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://linli@db:5432/linli',
      redisUrl: 'redis://cache:6379',
      timeZone: 'Asia/Urumqi',
      model: { apiKey: 'k', model: 'qwen-plus', baseUrl: 'https://dashscope.example/compatible-mode/v1' },
    });
  });

  it('asks the shops at 08:30 and reminds them at 11:00 unless told otherwise', () => {
    expect(loadConfig({}).market).toEqual({ askAt: '08:30', remindAt: '11:00' });
    expect(loadConfig({ LINLI_MARKET_STATUS_TIME: '07:45', LINLI_MARKET_STATUS_REMINDER_TIME: '10:15' }).market).toEqual({
      askAt: '07:45',
      remindAt: '10:15',
    });
  });

  it('reads the secrets a key rotation still needs, comma-separated', () => {
    expect(loadConfig({}).oldSecrets).toEqual([]);
    expect(loadConfig({ LINLI_OLD_SECRETS: ` ${'a'.repeat(32)}, ${'b'.repeat(32)} ` }).oldSecrets).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
  });

  it('treats an empty setting as not set', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '  ' }).databaseUrl).toBeUndefined();
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ LINLI_SECRET: 'short' }, 'LINLI_SECRET'],
    [{ LINLI_OLD_SECRETS: `${'x'.repeat(40)},short` }, 'LINLI_OLD_SECRETS'],
    [{ TZ: 'Mars/Olympus' }, 'TZ'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ LINLI_DB_SCHEMA: 'Drop Table' }, 'LINLI_DB_SCHEMA'],
    [{ LINLI_MARKET_STATUS_TIME: '8:30' }, 'LINLI_MARKET_STATUS_TIME'],
    [{ LINLI_MARKET_STATUS_REMINDER_TIME: '25:00' }, 'LINLI_MARKET_STATUS_REMINDER_TIME'],
  ])('stops on a wrong setting and names it: %j', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${name}\\b`));
  });
});
