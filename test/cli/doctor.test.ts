import { describe, expect, it } from 'vitest';
import { redactUrl, runChecks } from '../../src/cli/doctor.ts';
import { testConfig } from '../support/linli.ts';

describe('linli doctor', () => {
  it('says what is configured and that the database and the queue answer', async () => {
    const config = testConfig();
    const checks = await runChecks(config);
    const byPart = (part: string) => checks.filter((check) => check.part === part);
    expect(byPart('database')[0]).toMatchObject({ ok: true });
    expect(byPart('database')[0]?.detail).toContain('PostgreSQL');
    expect(byPart('queue')[0]).toMatchObject({ ok: true, name: config.redisUrl ? 'BullMQ on Redis' : 'BullMQ on Postgres' });
    expect(byPart('channel').map((check) => check.name)).toEqual(['sandbox', 'telegram', 'wechat']);
    expect(byPart('model')[0]).toMatchObject({ ok: true, configured: expect.stringContaining('off') });
  }, 60_000);

  it('reports a database that does not answer, without crashing', async () => {
    const checks = await runChecks(testConfig({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none' }));
    expect(checks.find((check) => check.part === 'database')).toMatchObject({ ok: false });
  }, 60_000);

  it('never prints a password', () => {
    expect(redactUrl('postgres://linli:s3cret@db:5432/linli')).toBe('postgres://linli:***@db:5432/linli');
  });
});
