import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telegramCaptionLimit } from '../../../src/bot/channels/telegram/limits.ts';
import { telegramOutboundChannel } from '../../../src/bot/channels/telegram/outbound.ts';
import type { Outbound } from '../../../src/bot/message.ts';
import { openTestDatabase, type TestDatabase } from '../../support/database.ts';
import { recordingTelegram } from '../../support/recording-telegram.ts';


const workbook = new Uint8Array(Buffer.from('PK\u0003\u0004 a digest workbook', 'latin1'));
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const message = (text: string, file?: Outbound['file']): Outbound => ({
  outboxId: 1, platform: 'telegram', platformChatId: '5001', chatKind: 'private', toPlatformUserId: '5001', text, ...(file ? { file } : {}),
});

// The channel sends outside any transaction; the store it is handed is only the outbox's.
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe('files sent to Telegram', () => {
  it('sends a workbook as a document with the text as its caption', async () => {
    const { api, calls } = recordingTelegram();
    const file = { name: 'digest.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: workbook };
    const result = await telegramOutboundChannel(api).send(message('今日简报', file), db.db);
    expect(calls.map((call) => call.method)).toEqual(['sendDocument']);
    expect(calls[0]?.body.toString('latin1')).toContain('name="document"');
    expect(calls[0]?.body.toString('latin1')).toContain('filename=digest.xlsx');
    expect(calls[0]?.body.toString('latin1')).toContain('a digest workbook');
    expect(calls[0]?.body.toString('latin1')).toContain(Buffer.from('今日简报').toString('latin1'));
    expect(result.platformMessageId).toBe('5001:100');
  });

  it('sends a chart as a photo, and a text too long for a caption before the file', async () => {
    const { api, calls } = recordingTelegram();
    const long = '甲'.repeat(telegramCaptionLimit + 1);
    await telegramOutboundChannel(api).send(message(long, { name: 'chart.png', mimeType: 'image/png', data: png }), db.db);
    expect(calls.map((call) => call.method)).toEqual(['sendMessage', 'sendPhoto']);
    expect(calls[1]?.body.toString('latin1')).toContain('name="photo"');
    expect(calls[1]?.body.toString('latin1')).toContain('filename=chart.png');
    expect(calls[1]?.body.toString('latin1')).not.toContain('name="caption"');
  });
});
