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

  it('treats an empty setting as not set', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '  ' }).databaseUrl).toBeUndefined();
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ LINLI_SECRET: 'short' }, 'LINLI_SECRET'],
    [{ TZ: 'Mars/Olympus' }, 'TZ'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ LINLI_DB_SCHEMA: 'Drop Table' }, 'LINLI_DB_SCHEMA'],
  ])('stops on a wrong setting and names it: %j', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${name}\\b`));
  });
});
