import { normalizeBindCode, randomBindCode } from './bind-codes.ts';
import { maybeOne, type Queryable } from './db.ts';

/** A link code lives briefly: it is typed on another phone a minute after it is shown. */
export const linkCodeTtlMinutes = 30;
/** A relink code is passed on by staff, by phone or at the door, and may take a few days to be used. */
export const relinkCodeTtlHours = 72;

/**
 * 'link' joins two live accounts of one person; 'relink' (issued by staff for a WeChat account
 * whose id changed) moves the old account to the id the code is sent from.
 */
export type LinkCodePurpose = 'link' | 'relink';

export async function createLinkCode(q: Queryable, accountId: number, now: Date = new Date(), purpose: LinkCodePurpose = 'link'): Promise<string> {
  const ttlMs = purpose === 'relink' ? relinkCodeTtlHours * 3_600_000 : linkCodeTtlMinutes * 60_000;
  const expiresAt = new Date(now.getTime() + ttlMs);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const row = await maybeOne<{ code: string }>(
      q,
      `INSERT INTO link_codes (code, account_id, created_at, expires_at, purpose) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [randomBindCode(), accountId, now, expiresAt, purpose],
    );
    if (row) return row.code;
  }
  throw new Error('no free link code found');
}

/** Uses a code once; the account that asked for it, or undefined when it is unknown, used or old. */
export async function redeemLinkCode(
  q: Queryable,
  typed: string,
  now: Date = new Date(),
): Promise<{ accountId: number; purpose: LinkCodePurpose } | undefined> {
  const code = normalizeBindCode(typed);
  if (!code) return undefined;
  const row = await maybeOne<{ account_id: number; purpose: LinkCodePurpose }>(
    q,
    `UPDATE link_codes SET used_at = $2 WHERE code = $1 AND used_at IS NULL AND expires_at > $2 RETURNING account_id, purpose`,
    [code, now],
  );
  return row ? { accountId: row.account_id, purpose: row.purpose } : undefined;
}
