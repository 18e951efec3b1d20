import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/bot/ingest.ts';
import { waitUntilSettled } from '../../src/bot/settle.ts';
import { startTestLinli, type TestLinli } from '../support/linli.ts';

let linli: TestLinli;
beforeAll(async () => {
  linli = await startTestLinli();
});
afterAll(async () => {
  await linli?.close();
});

let sequence = 0;
const message = (text: string, overrides: Record<string, unknown> = {}) => ({
  platform: 'sandbox',
  chatId: 'dm:王芳',
  chatKind: 'private' as const,
  senderId: '王芳',
  text,
  messageId: `m-${Date.now()}-${(sequence += 1)}`,
  at: new Date(),
  ...overrides,
});

async function transcriptFor(inboundId: number): Promise<string[]> {
  const rows = await linli.deps.db.query<{ text_enc: string }>(
    `SELECT t.text_enc FROM sandbox_transcript t JOIN outbox o ON o.id = t.outbox_id WHERE o.inbound_id = $1 ORDER BY t.id`,
    [inboundId],
  );
  return rows.map((row) => linli.deps.cipher.decrypt(row.text_enc));
}

describe('the message path', () => {
  it('answers 你好 in a private chat with a short help in Chinese', async () => {
    const result = await ingest(linli.deps, message('你好'));
    expect(result.kind).toBe('accepted');
    if (result.kind !== 'accepted') return;
    expect(await waitUntilSettled(linli.deps.db, [result.inboundId], { timeoutMs: 20_000 })).toBe(true);
    const replies = await transcriptFor(result.inboundId);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('邻里');
    expect(replies[0]).toContain('帮助');
  });

  it('keeps the name of a file with an ID number or a phone in it masked, and the file itself reachable', async () => {
    const file = { name: '张三440603198503152015电话13812345678.xlsx', ref: '/no/such/file.xlsx' };
    const result = await ingest(linli.deps, message('', { files: [file] }));
    if (result.kind !== 'accepted') throw new Error(result.kind);
    const [stored] = await linli.deps.db.query<{ files: unknown }>('SELECT files FROM inbound_messages WHERE id = $1', [result.inboundId]);
    expect(stored?.files).toEqual([{ name: '张三4406**********2015电话138****5678.xlsx', ref: '/no/such/file.xlsx' }]);
    expect(await waitUntilSettled(linli.deps.db, [result.inboundId], { timeoutMs: 20_000 })).toBe(true);
    expect((await transcriptFor(result.inboundId)).join('\n')).not.toMatch(/440603198503152015|13812345678/);
  });

  it('replies once to a message that the platform delivers twice', async () => {
    const twice = message('帮助');
    const first = await ingest(linli.deps, twice);
    const second = await ingest(linli.deps, twice);
    expect(first.kind).toBe('accepted');
    expect(second.kind).toBe('duplicate');
    if (first.kind !== 'accepted') return;
    expect(second).toMatchObject({ inboundId: first.inboundId });
    await waitUntilSettled(linli.deps.db, [first.inboundId], { timeoutMs: 20_000 });
    const rows = await linli.deps.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sandbox_transcript t JOIN outbox o ON o.id = t.outbox_id WHERE o.inbound_id = $1`,
      [first.inboundId],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('stays silent in a group unless spoken to', async () => {
    const group = { chatId: '3栋业主群', chatKind: 'group' as const, chatTitle: '3栋业主群' };
    const chatter = await ingest(linli.deps, message('今天停水吗', group));
    const spoken = await ingest(linli.deps, message('/help', group));
    if (chatter.kind !== 'accepted' || spoken.kind !== 'accepted') throw new Error('not accepted');
    await waitUntilSettled(linli.deps.db, [chatter.inboundId, spoken.inboundId], { timeoutMs: 20_000 });
    expect(await transcriptFor(chatter.inboundId)).toEqual([]);
    const help = await transcriptFor(spoken.inboundId);
    expect(help[0]).toContain('私聊');
  });

  it('handles the messages of one account in the order they came', async () => {
    const sender = { senderId: '李雷', chatId: 'dm:李雷' };
    const ids: number[] = [];
    for (const text of ['/lang en', '/help', '/lang zh', '/help']) {
      const result = await ingest(linli.deps, message(text, sender));
      if (result.kind !== 'accepted') throw new Error('not accepted');
      ids.push(result.inboundId);
    }
    await waitUntilSettled(linli.deps.db, ids, { timeoutMs: 20_000 });
    const replies = await Promise.all(ids.map(transcriptFor));
    expect(replies[0]?.[0]).toContain('English');
    expect(replies[1]?.[0]).toContain('Hello');
    expect(replies[2]?.[0]).toContain('中文');
    expect(replies[3]?.[0]).toContain('您好');
  });

  it('delivers the messages of one chat in the order they were written', async () => {
    const { sayInTransaction } = await import('../../src/bot/pipeline.ts');
    const { findOrCreateChat } = await import('../../src/store/chats.ts');
    const texts = Array.from({ length: 12 }, (_, i) => `第${i + 1}条`);
    const chat = await findOrCreateChat(linli.deps.db, { platform: 'sandbox', platformChatId: 'dm:顺序', kind: 'private' });
    await sayInTransaction(linli.deps, async () => texts.map((text) => ({ chatId: chat.id, text })));
    await expect
      .poll(async () => {
        const rows = await linli.deps.db.query<{ text_enc: string }>(
          'SELECT text_enc FROM sandbox_transcript WHERE chat_id = $1 ORDER BY id',
          [chat.id],
        );
        return rows.map((row) => linli.deps.cipher.decrypt(row.text_enc));
      }, { timeout: 20_000 })
      .toEqual(texts);
  });

  it('refuses a malformed message from a channel without storing it', async () => {
    const result = await ingest(linli.deps, { ...message('hi'), messageId: '' });
    expect(result.kind).toBe('rejected');
  });
});
