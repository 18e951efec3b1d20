import { normalizeBindCode, randomBindCode } from './bind-codes.ts';
import { maybeOne, type Queryable } from './db.ts';

/** A link code lives briefly: it is typed on another phone a minute after it is shown. */
export const linkCodeTtlMinutes = 30;

export async function createLinkCode(q: Queryable, accountId: number, now: Date = new Date()): Promise<string> {
  const expiresAt = new Date(now.getTime() + linkCodeTtlMinutes * 60_000);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const row = await maybeOne<{ code: string }>(
      q,
      `INSERT INTO link_codes (code, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [randomBindCode(), accountId, now, expiresAt],
    );
    if (row) return row.code;
  }
  throw new Error('no free link code found');
}

/** Uses a code once; the account that asked for it, or undefined when it is unknown, used or old. */
export async function redeemLinkCode(q: Queryable, typed: string, now: Date = new Date()): Promise<{ accountId: number } | undefined> {
  const code = normalizeBindCode(typed);
  if (!code) return undefined;
  const row = await maybeOne<{ account_id: number }>(
    q,
    `UPDATE link_codes SET used_at = $2 WHERE code = $1 AND used_at IS NULL AND expires_at > $2 RETURNING account_id`,
    [code, now],
  );
  return row ? { accountId: row.account_id } : undefined;
}
