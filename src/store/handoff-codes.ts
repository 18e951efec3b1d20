import { randomInt } from 'node:crypto';
import { bindCodeAlphabet, bindCodeLength } from './bind-codes.ts';
import { maybeOne, type Queryable } from './db.ts';

/**
 * Hand-off codes: where a bot may not write first (WeChat), a resident asked to register in a
 * group adds the bot as a friend with a code in the greeting; the code names the account the
 * group knew, so that the private chat continues the same person's form. Same alphabet as bind
 * codes: no 0/O, no 1/I, read aloud and typed on a phone without mistakes.
 */
export const handoffCodeLength = bindCodeLength;
export const handoffCodeTtlHours = 72;

export interface HandoffCodeOptions {
  now?: Date;
  ttlHours?: number;
}

function randomHandoffCode(): string {
  return Array.from({ length: handoffCodeLength }, () => bindCodeAlphabet.charAt(randomInt(bindCodeAlphabet.length))).join('');
}

/** A code as people type it (k7qx4m, "K7Q X4M") in the form it is stored; undefined if it cannot be one. */
export function normalizeHandoffCode(typed: string): string | undefined {
  const code = typed.replace(/[\s\-_]/g, '').toUpperCase();
  return code.length === handoffCodeLength && [...code].every((char) => bindCodeAlphabet.includes(char)) ? code : undefined;
}

/**
 * The account's hand-off code: the one still open, with its time extended, or a new one. Asking
 * twice in a group gives the same code, so that an earlier invitation stays good.
 */
export async function createHandoffCode(q: Queryable, accountId: number, options: HandoffCodeOptions = {}): Promise<string> {
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (options.ttlHours ?? handoffCodeTtlHours) * 3_600_000);
  const open = await maybeOne<{ code: string }>(
    q,
    `UPDATE handoff_codes SET expires_at = $3
     WHERE code = (SELECT code FROM handoff_codes WHERE account_id = $1 AND used_at IS NULL AND expires_at > $2
                   ORDER BY created_at DESC LIMIT 1 FOR UPDATE)
     RETURNING code`,
    [accountId, now, expiresAt],
  );
  if (open) return open.code;
  // About a billion codes: a collision with a stored one is rare, and simply drawn again.
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const row = await maybeOne<{ code: string }>(
      q,
      `INSERT INTO handoff_codes (code, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [randomHandoffCode(), accountId, now, expiresAt],
    );
    if (row) return row.code;
  }
  throw new Error('no free hand-off code found');
}

/** The account an open (unused, unexpired) code was made for, without using it. */
export async function findOpenHandoffCode(q: Queryable, typed: string, now: Date = new Date()): Promise<{ accountId: number } | undefined> {
  const code = normalizeHandoffCode(typed);
  if (!code) return undefined;
  const row = await maybeOne<{ account_id: number }>(
    q,
    'SELECT account_id FROM handoff_codes WHERE code = $1 AND used_at IS NULL AND expires_at > $2',
    [code, now],
  );
  return row ? { accountId: row.account_id } : undefined;
}

/**
 * Uses a code once: the account it was made for, or undefined when the code is unknown, used or
 * expired. In the caller's transaction, so that a failure after it leaves the code unused.
 */
export async function redeemHandoffCode(q: Queryable, typed: string, now: Date = new Date()): Promise<{ accountId: number } | undefined> {
  const code = normalizeHandoffCode(typed);
  if (!code) return undefined;
  const row = await maybeOne<{ account_id: number }>(
    q,
    `UPDATE handoff_codes SET used_at = $2 WHERE code = $1 AND used_at IS NULL AND expires_at > $2 RETURNING account_id`,
    [code, now],
  );
  return row ? { accountId: row.account_id } : undefined;
}
