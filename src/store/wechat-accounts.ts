import { maybeOne, type Queryable } from './db.ts';
import { columnsReferencing, countReferences, mergePersonInto, repoint } from './merge.ts';

/**
 * WeChat user ids are not stable: after the bot logs in again (or on a web-protocol puppet,
 * every login) a resident may arrive under a new id. The person behind it keeps their records:
 * the account row, keyed by platform user id, is moved to the new id, and what the new id did in
 * the meantime is merged into it.
 */
const wechatPlatform = 'wechat';

export type RelinkResult =
  /** No account has the old id: nothing to keep. */
  | { kind: 'unknown' }
  | { kind: 'same'; accountId: number }
  /** The new id had no history of its own: the account simply answers to the new id now. */
  | { kind: 'moved'; accountId: number }
  /** The new id had history: it now belongs to the old account (and its person, where it had its own). */
  | { kind: 'merged'; accountId: number; personMerged: boolean };

interface AccountRow extends Record<string, unknown> {
  id: number;
  person_id: number;
  display_name: string | null;
}

const lockAccount = (q: Queryable, userId: string) =>
  maybeOne<AccountRow>(
    q,
    'SELECT id, person_id, display_name FROM accounts WHERE platform = $1 AND platform_user_id = $2 FOR UPDATE',
    [wechatPlatform, userId],
  );

/** One form in progress per account: of two, the one touched last goes on. */
async function keepLatestSession(q: Queryable, keptAccountId: number, mergedAccountId: number): Promise<void> {
  await q.query(
    `UPDATE dialog_sessions SET status = 'cancelled', updated_at = now()
     WHERE id IN (
       SELECT id FROM dialog_sessions WHERE account_id = ANY($1::bigint[]) AND status = 'active'
       ORDER BY updated_at DESC, id DESC OFFSET 1)`,
    [[keptAccountId, mergedAccountId]],
  );
}

/**
 * The WeChat account known as `oldUserId` is from now on `newUserId`, with its person, reports and
 * private chat. Run it in a transaction: a merge is many statements, and a failure must undo all.
 */
export async function relinkWechatAccount(q: Queryable, oldUserId: string, newUserId: string): Promise<RelinkResult> {
  const kept = await lockAccount(q, oldUserId);
  if (!kept) return { kind: 'unknown' };
  if (oldUserId === newUserId) return { kind: 'same', accountId: kept.id };
  const merged = await lockAccount(q, newUserId);
  let result: RelinkResult = { kind: 'moved', accountId: kept.id };
  if (merged) {
    const accountKeys = await columnsReferencing(q, 'accounts');
    const personHistory =
      merged.person_id === kept.person_id ? 0 : await countReferences(q, await columnsReferencing(q, 'persons'), merged.person_id, 'accounts');
    const hasHistory = (await countReferences(q, accountKeys, merged.id)) + personHistory > 0;
    await keepLatestSession(q, kept.id, merged.id);
    // The turn in hand is the merged account's and ends with it; moved over, it would stay forever.
    await q.query('DELETE FROM account_turns WHERE account_id = $1', [merged.id]);
    await repoint(q, accountKeys, merged.id, kept.id);
    await q.query('DELETE FROM accounts WHERE id = $1', [merged.id]);
    const others = await q.query('SELECT 1 FROM accounts WHERE person_id = $1 LIMIT 1', [merged.person_id]);
    const personMerged = merged.person_id !== kept.person_id && others.length === 0;
    if (personMerged) await mergePersonInto(q, kept.person_id, merged.person_id);
    if (hasHistory) result = { kind: 'merged', accountId: kept.id, personMerged };
  }
  await q.query('UPDATE accounts SET platform_user_id = $2, display_name = coalesce($3, display_name) WHERE id = $1', [
    kept.id,
    newUserId,
    merged?.display_name ?? null,
  ]);
  // The private chat goes with the person, unless the new id has one of its own already.
  await q.query(
    `UPDATE chats SET platform_chat_id = $2
     WHERE platform = $3 AND kind = 'private' AND platform_chat_id = $1
       AND NOT EXISTS (SELECT 1 FROM chats WHERE platform = $3 AND platform_chat_id = $2)`,
    [oldUserId, newUserId, wechatPlatform],
  );
  return result;
}
