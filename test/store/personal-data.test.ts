import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/bot/ingest.ts';
import { sandboxInbound } from '../../src/bot/channels/sandbox.ts';
import { queueSends } from '../../src/bot/pipeline.ts';
import { writeOutbox } from '../../src/bot/outbox.ts';
import { waitUntilSettled } from '../../src/bot/settle.ts';
import { findOrCreateChat } from '../../src/store/chats.ts';
import { createPerson } from '../../src/store/persons.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';

/**
 * Personal data written through every path that stores text must never be readable in any
 * table, nor in the log. The values are written in several ways a person would type them.
 */
const idNumber = '44060319900101123X';
const phone = '13812345678';
const forbidden = [idNumber, idNumber.toLowerCase(), phone, '4406 0319 9001 0112 3X', '138 1234 5678', '138-1234-5678'];

let linli: TestLinli;
beforeAll(async () => {
  linli = await startTestLinli();
});
afterAll(async () => {
  await linli?.close();
});

async function dumpAllTables(): Promise<string> {
  const tables = await linli.deps.db.query<{ name: string }>(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  expect(tables.length).toBeGreaterThan(10);
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await linli.deps.db.query<{ row: string }>(`SELECT t::text AS row FROM ${table.name} t`);
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

describe('personal data at rest and in the logs', () => {
  it('is stored encrypted or masked everywhere', async () => {
    const messages = [
      `我的身份证是${idNumber}，手机${phone}`,
      '身份证 4406 0319 9001 0112 3x 电话 138 1234 5678',
      `帮助 ${phone}`,
    ];
    const ids: number[] = [];
    for (const text of messages) {
      const result = await ingest(linli.deps, sandboxInbound('王芳', 'dm', text));
      if (result.kind !== 'accepted') throw new Error('not accepted');
      ids.push(result.inboundId);
    }
    // A reply that carries the owner's own ID number and phone, as a summary to its owner would.
    const queued = await linli.deps.db.transaction(async (tx) => {
      const chat = await findOrCreateChat(tx, { platform: 'sandbox', platformChatId: 'dm:王芳', kind: 'private' });
      await createPerson(tx, linli.deps.cipher, { name: '王芳', idNumber, phone });
      return writeOutbox(tx, linli.deps.cipher, linli.deps.channels, [{ chatId: chat.id, text: `您的身份证 ${idNumber}，手机 ${phone}` }], new Date(), null);
    });
    await queueSends(linli.deps, queued);
    expect(await waitUntilSettled(linli.deps.db, ids, { timeoutMs: 20_000 })).toBe(true);
    await expect.poll(async () => (await linli.deps.db.query("SELECT 1 FROM outbox WHERE status <> 'sent'")).length).toBe(0);

    const dump = await dumpAllTables();
    expect(dump).toContain('4406**********123X');
    expect(dump).toContain('138****5678');
    for (const value of forbidden) expect(dump).not.toContain(value);

    linli.deps.log.info({ inboundIds: ids }, 'personal-data test wrote its messages');
    linli.deps.log.flush();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const log = fs.readFileSync(linli.logFile, 'utf8');
    expect(log).toContain('personal-data test wrote its messages');
    for (const value of forbidden) expect(log).not.toContain(value);
  });
});
