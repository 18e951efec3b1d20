import { maybeOne, one, type Queryable } from './db.ts';
import type { FieldCipher } from '../privacy/index.ts';
import { createPerson } from './persons.ts';

export interface AccountRef {
  accountId: number;
  personId: number;
  lang: string;
  displayName: string | null;
}

export interface AccountKey {
  platform: string;
  platformUserId: string;
  displayName?: string | null;
}

/** The account of a platform user; a first message from an unknown user creates a person for it. */
export async function findOrCreateAccount(q: Queryable, cipher: FieldCipher, key: AccountKey): Promise<AccountRef> {
  const existing = await findAccount(q, key.platform, key.platformUserId);
  if (existing) return existing;
  const personId = await createPerson(q, cipher, {});
  const inserted = await maybeOne<{ id: number }>(
    q,
    `INSERT INTO accounts (person_id, platform, platform_user_id, display_name) VALUES ($1, $2, $3, $4)
     ON CONFLICT (platform, platform_user_id) DO NOTHING RETURNING id`,
    [personId, key.platform, key.platformUserId, key.displayName ?? null],
  );
  if (!inserted) {
    // Another worker created it in the meantime: use theirs and drop the spare person.
    await q.query('DELETE FROM persons WHERE id = $1', [personId]);
    const theirs = await findAccount(q, key.platform, key.platformUserId);
    if (!theirs) throw new Error('account vanished while being created');
    return theirs;
  }
  return { accountId: inserted.id, personId, lang: 'zh-CN', displayName: key.displayName ?? null };
}

export async function findAccount(q: Queryable, platform: string, platformUserId: string): Promise<AccountRef | undefined> {
  const row = await maybeOne<{ id: number; person_id: number; lang: string; display_name: string | null }>(
    q,
    `SELECT a.id, a.person_id, p.lang, a.display_name FROM accounts a JOIN persons p ON p.id = a.person_id
     WHERE a.platform = $1 AND a.platform_user_id = $2`,
    [platform, platformUserId],
  );
  return row ? { accountId: row.id, personId: row.person_id, lang: row.lang, displayName: row.display_name } : undefined;
}

export async function getAccount(q: Queryable, accountId: number): Promise<AccountRef & { platform: string; platformUserId: string }> {
  const row = await one<{ id: number; person_id: number; lang: string; display_name: string | null; platform: string; platform_user_id: string }>(
    q,
    `SELECT a.id, a.person_id, p.lang, a.display_name, a.platform, a.platform_user_id
     FROM accounts a JOIN persons p ON p.id = a.person_id WHERE a.id = $1`,
    [accountId],
  );
  return {
    accountId: row.id,
    personId: row.person_id,
    lang: row.lang,
    displayName: row.display_name,
    platform: row.platform,
    platformUserId: row.platform_user_id,
  };
}
