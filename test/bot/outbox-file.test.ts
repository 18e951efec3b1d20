import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTranscript } from '../../src/bot/channels/sandbox.ts';
import { maxOutboundFileBytes } from '../../src/bot/message.ts';
import { decryptFile, writeOutbox } from '../../src/bot/outbox.ts';
import { queueSends } from '../../src/bot/pipeline.ts';
import { say } from '../support/chat.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';

let linli: TestLinli;
let chatId: number;

beforeAll(async () => {
  linli = await startTestLinli();
  await say(linli, '李主任', 'dm', '帮助');
  const [chat] = await linli.deps.db.query<{ id: number }>(`SELECT id FROM chats WHERE platform = 'sandbox' AND platform_chat_id = 'dm:李主任'`);
  chatId = chat?.id ?? 0;
});
afterAll(async () => {
  await linli?.close();
});

// A list of the kind a digest carries: a phone number in it must not be readable in the store.
const workbook = new Uint8Array(Buffer.from('PK\u0003\u0004 王芳 13812345678 3栋502', 'utf8'));

async function waitForSent(outboxId: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [row] = await linli.deps.db.query<{ status: string }>('SELECT status FROM outbox WHERE id = $1', [outboxId]);
    if (row?.status === 'sent') return;
    if (Date.now() > deadline) throw new Error(`outbox ${outboxId} is ${row?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a message with a file', () => {
  it('keeps the file encrypted in the outbox, and the sandbox saves it in the data folder and shows where', async () => {
    const file = { name: '未打卡名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: workbook };
    const queued = await linli.deps.db.transaction((tx) =>
      writeOutbox(tx, linli.deps.cipher, linli.deps.channels, [{ chatId, text: '今日简报', file }], linli.deps.clock(), null),
    );
    const outboxId = queued[0]?.outboxId ?? 0;
    await queueSends(linli.deps, queued);
    await waitForSent(outboxId);

    const lines = await readTranscript(linli.deps.db, linli.deps.cipher, {});
    // Saved in the data folder, and its path shown, so the person at the terminal can open it.
    const saved = path.join(linli.config.dataDir, 'sandbox-files', `${outboxId}-未打卡名单.xlsx`);
    expect(lines.at(-1)?.text).toBe(`今日简报\n📎 未打卡名单.xlsx (${workbook.byteLength} B)\n   ${path.resolve(saved)}`);
    expect(lines.at(-1)?.file).toBe(path.resolve(saved));
    expect(new Uint8Array(fs.readFileSync(saved))).toEqual(workbook);
    const [row] = await linli.deps.db.query<{ file_name: string | null; file_mime_type: string | null; file_enc: string | null }>(
      'SELECT file_name, file_mime_type, file_enc FROM outbox WHERE id = $1',
      [outboxId],
    );
    expect(row?.file_enc).not.toContain('13812345678');
    expect(Buffer.from(row?.file_enc ?? '', 'base64').toString('utf8')).not.toContain('13812345678');
    expect(row && decryptFile(linli.deps.cipher, row)).toEqual(file);
  });

  it('refuses a file larger than a message may carry, and writes nothing', async () => {
    const big = { name: 'big.csv', mimeType: 'text/csv', data: new Uint8Array(maxOutboundFileBytes + 1) };
    const before = await linli.deps.db.query('SELECT id FROM outbox');
    await expect(
      linli.deps.db.transaction((tx) =>
        writeOutbox(tx, linli.deps.cipher, linli.deps.channels, [{ chatId, text: 'x', file: big }], linli.deps.clock(), null),
      ),
    ).rejects.toThrow(/more than/);
    expect(await linli.deps.db.query('SELECT id FROM outbox')).toHaveLength(before.length);
  });
});
