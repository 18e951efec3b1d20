import type { FieldCipher } from '../privacy/index.ts';
import { maybeOne, one, type Queryable } from './db.ts';
import { readInTransaction } from './read-memo.ts';
import { parseDialogState, type DialogState } from '../dialogs/state.ts';

export interface StoredSession {
  id: number;
  accountId: number;
  chatId: number | null;
  areaId: number | null;
  step: number;
  state: DialogState;
  updatedAt: Date;
}

interface SessionRow extends Record<string, unknown> {
  id: number;
  account_id: number;
  chat_id: number | null;
  area_id: number | null;
  step: number;
  state_enc: string;
  updated_at: Date;
}

const toStored = (cipher: FieldCipher, row: SessionRow): StoredSession => ({
  id: row.id,
  accountId: row.account_id,
  chatId: row.chat_id,
  areaId: row.area_id,
  step: row.step,
  state: parseDialogState(JSON.parse(cipher.decrypt(row.state_enc))),
  updatedAt: row.updated_at,
});

/**
 * The account's form in progress, if any (locked for the caller's transaction). Several rules of
 * one message ask; the transaction reads it once until it writes.
 */
export async function activeSession(q: Queryable, cipher: FieldCipher, accountId: number): Promise<StoredSession | undefined> {
  const [row] = await readInTransaction(q, `active-session:${accountId}`, () =>
    q.query<SessionRow>(`SELECT * FROM dialog_sessions WHERE account_id = $1 AND status = 'active' AND expires_at > now() FOR UPDATE`, [accountId]),
  );
  return row ? toStored(cipher, row) : undefined;
}

export async function getSession(q: Queryable, cipher: FieldCipher, id: number): Promise<(StoredSession & { status: string }) | undefined> {
  const row = await maybeOne<SessionRow & { status: string }>(q, 'SELECT * FROM dialog_sessions WHERE id = $1 FOR UPDATE', [id]);
  return row ? { ...toStored(cipher, row), status: row.status } : undefined;
}

export interface NewSession {
  accountId: number;
  chatId: number | null;
  areaId: number | null;
  state: DialogState;
  /** How long the session lives without an answer. */
  lifetimeMs: number;
}

export async function createSession(q: Queryable, cipher: FieldCipher, session: NewSession): Promise<{ id: number; step: number }> {
  // A stale active session (expired but not yet swept) must not block a new one.
  await q.query(`UPDATE dialog_sessions SET status = 'expired' WHERE account_id = $1 AND status = 'active'`, [session.accountId]);
  return one<{ id: number; step: number }>(
    q,
    `INSERT INTO dialog_sessions (account_id, chat_id, area_id, form_id, form_version, state_enc, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7::double precision / 1000)) RETURNING id, step`,
    [session.accountId, session.chatId, session.areaId, session.state.formId, session.state.formVersion, cipher.encrypt(JSON.stringify(session.state)), session.lifetimeMs],
  );
}

/** Stores the state after a step; a finished or cancelled form closes the session. */
export async function saveSession(q: Queryable, cipher: FieldCipher, id: number, state: DialogState, lifetimeMs: number): Promise<number> {
  const status = state.phase === 'finished' ? 'done' : state.phase === 'cancelled' ? 'cancelled' : 'active';
  const row = await one<{ step: number }>(
    q,
    `UPDATE dialog_sessions SET state_enc = $2, status = $3, step = step + 1, updated_at = now(),
            expires_at = now() + make_interval(secs => $4::double precision / 1000)
     WHERE id = $1 RETURNING step`,
    [id, cipher.encrypt(JSON.stringify(state)), status, lifetimeMs],
  );
  return row.step;
}

/** Moves a session to another chat: the private chat that a group handed the resident over to. */
export async function moveSession(q: Queryable, id: number, chatId: number): Promise<void> {
  await q.query('UPDATE dialog_sessions SET chat_id = $2 WHERE id = $1', [id, chatId]);
}

export async function expireSession(q: Queryable, id: number): Promise<void> {
  await q.query(`UPDATE dialog_sessions SET status = 'expired', updated_at = now() WHERE id = $1 AND status = 'active'`, [id]);
}
