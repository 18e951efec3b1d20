import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../src/privacy/index.ts';
import { findOrCreateAccount } from '../../src/store/accounts.ts';
import { findOrCreateChat } from '../../src/store/chats.ts';
import { createPerson, updatePerson } from '../../src/store/persons.ts';
import { cliRunner } from '../support/cli.ts';
import { testSecret } from '../support/database.ts';

/** `linli observation` as staff run it, on a store where two people share one phone and two share a name. */
const cli = cliRunner('observation');
const cipher = createFieldCipher(testSecret);
const linli = (...args: string[]) => cli.run(args);
let wangFang = 0;
let liQiang = 0;

/** What the bot has queued for a sandbox user, decrypted. */
async function outboxTo(user: string): Promise<string[]> {
  const store = await cli.open();
  try {
    const rows = await store.db.query<{ text_enc: string }>(
      `SELECT o.text_enc FROM outbox o JOIN accounts a ON a.id = o.to_account_id WHERE a.platform_user_id = $1 AND o.inbound_id IS NULL ORDER BY o.id`,
      [user],
    );
    return rows.map((row) => cipher.decrypt(row.text_enc));
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  // 王芳 has written to the bot privately; her husband 李强 shares her phone; another 王芳 lives elsewhere.
  expect((await linli('migrate')).code).toBe(0);
  const store = await cli.open();
  try {
    const account = await findOrCreateAccount(store.db, cipher, { platform: 'sandbox', platformUserId: '王芳', displayName: '王芳' });
    const chat = await findOrCreateChat(store.db, { platform: 'sandbox', platformChatId: 'dm:王芳', kind: 'private' });
    await store.db.query(
      `INSERT INTO inbound_messages (platform, platform_message_id, chat_id, account_id, sent_at, status) VALUES ('sandbox', 'm1', $1, $2, now(), 'handled')`,
      [chat.id, account.accountId],
    );
    wangFang = account.personId;
    await updatePerson(store.db, cipher, wangFang, { name: '王芳', phone: '13912345678' });
    liQiang = await createPerson(store.db, cipher, { name: '李强', phone: '13912345678' });
    await createPerson(store.db, cipher, { name: '王芳', phone: '13700001111' });
  } finally {
    await store.close();
  }
}, 300_000);
afterAll(async () => {
  await cli.drop();
});

describe('linli observation start', { timeout: 300_000 }, () => {
  it('tells the person privately until when, and what is asked each morning', async () => {
    const started = await linli('observation', 'start', '--person', '王芳 13912345678', '--from', '2026-03-05', '--days', '14');
    expect(started.stderr).toBe('');
    expect(started.stdout).toBe('王芳: under observation 2026-03-05 – 2026-03-19; told privately\n');
    const [notice] = await outboxTo('王芳');
    expect(notice).toContain('从2026-03-05到2026-03-19');
    expect(notice).toContain('每天09:00左右我会在这里问您当天的体温和身体情况');
  });

  it('says so when the person has never written to the bot privately', async () => {
    const started = await linli('observation', 'start', '--person', `id:${liQiang}`);
    expect(started.stdout).toMatch(/^李强: under observation .*; not told: they have no private chat with the bot yet\n$/);
  });
});

describe('--person when two people share a phone', { timeout: 300_000 }, () => {
  it('lists who matches, masked, with the ids that tell them apart', async () => {
    const shared = await linli('observation', 'end', '--person', '13912345678');
    expect(shared.code).toBe(1);
    expect(shared.stderr).toContain(`2 people match 13912345678: id:${wangFang} 王芳 139****5678; id:${liQiang} 李强 139****5678`);
  });

  it('takes the person id', async () => {
    expect((await linli('observation', 'end', '--person', `#${wangFang}`, '--on', '2026-03-10')).stdout).toBe('王芳: observation ended on 2026-03-10\n');
  });
});
