import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.ts';
import { until } from './support/until.ts';

/** What `write` logged, once every line of it reached the file. */
async function logged(lines: number, write: (log: ReturnType<typeof createLogger>) => void): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linli-log-')), 'linli.log');
  const log = createLogger({ level: 'info', file });
  write(log);
  const read = () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
  await until(() => {
    log.flush();
    return read().split('\n').filter(Boolean).length >= lines;
  });
  return read();
}

describe('the log', () => {
  it('never holds a readable ID number or phone, whatever field or message it slipped into', async () => {
    const text = await logged(4, (log) => {
      log.info({ reason: '身份证 440106199001011233 电话 13812345678 不对', nested: { note: ['call +86 138 1234 5678'] } }, 'step failed');
      log.warn('a message quoting 44010619900101123X');
      log.error({ err: new Error('duplicate key 440106199001011233') }, 'insert failed');
      log.info({ text: 'my whole message', answers: { name: '王芳' } }, 'redacted fields');
    });
    for (const secret of ['440106199001011233', '13812345678', '138 1234 5678', '44010619900101123X', 'my whole message', '王芳']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('4401**********1233');
    expect(text).toContain('138****5678');
    expect(text).toContain('step failed');
    expect(text).toContain('[redacted]');
  });

  it('keeps ids, counts and times as they are', async () => {
    const text = await logged(1, (log) => log.info({ inboundId: 12345678, count: 3, at: '2026-03-05T08:00:00.000Z' }, 'handled'));
    const line = JSON.parse(text.trim().split('\n')[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ inboundId: 12345678, count: 3, at: '2026-03-05T08:00:00.000Z', msg: 'handled' });
  });
});
