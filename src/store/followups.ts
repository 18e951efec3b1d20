import type { FieldCipher } from '../privacy/index.ts';
import { maybeOne, one, type Queryable } from './db.ts';

/**
 * Work a handled message still owes its sender (reading a file, asking the model), done by a job
 * after the handler's transaction. The data is sealed: it may hold lines of a roster.
 */
export interface Followup {
  id: number;
  inboundId: number;
  kind: string;
  /** As stored; each kind checks it with its own schema. */
  data: unknown;
  status: FollowupStatus;
  attempts: number;
  createdAt: Date;
}

export type FollowupStatus = 'pending' | 'done' | 'failed';

interface FollowupRow extends Record<string, unknown> {
  id: number;
  inbound_id: number;
  kind: string;
  data_enc: string;
  status: FollowupStatus;
  attempts: number;
  created_at: Date;
}

const toFollowup = (cipher: FieldCipher, row: FollowupRow): Followup => ({
  id: row.id,
  inboundId: row.inbound_id,
  kind: row.kind,
  // A finished follow-up keeps no data: the lines of a roster are not kept for longer than the work.
  data: row.data_enc === '' ? null : (JSON.parse(cipher.decrypt(row.data_enc)) as unknown),
  status: row.status,
  attempts: row.attempts,
  createdAt: row.created_at,
});

export interface NewFollowup {
  inboundId: number;
  kind: string;
  data: Record<string, unknown>;
}

export async function createFollowup(q: Queryable, cipher: FieldCipher, followup: NewFollowup): Promise<number> {
  const row = await one<{ id: number }>(
    q,
    'INSERT INTO followups (inbound_id, kind, data_enc) VALUES ($1, $2, $3) RETURNING id',
    [followup.inboundId, followup.kind, cipher.encrypt(JSON.stringify(followup.data))],
  );
  return row.id;
}

/** The follow-up, locked for the caller's transaction: the one that finishes it does so once. */
export async function lockFollowup(q: Queryable, cipher: FieldCipher, id: number): Promise<Followup | undefined> {
  const row = await maybeOne<FollowupRow>(q, 'SELECT * FROM followups WHERE id = $1 FOR UPDATE', [id]);
  return row ? toFollowup(cipher, row) : undefined;
}

/** Counts one more try of a pending follow-up; returns the count, or undefined when it is no longer pending. */
export async function countTry(q: Queryable, id: number): Promise<number | undefined> {
  const rows = await q.query<{ attempts: number }>(
    `UPDATE followups SET attempts = attempts + 1 WHERE id = $1 AND status = 'pending' RETURNING attempts`,
    [id],
  );
  return rows[0]?.attempts;
}

/** Takes back a try that could not be made here (another process can make it). */
export async function uncountTry(q: Queryable, id: number): Promise<void> {
  await q.query(`UPDATE followups SET attempts = greatest(attempts - 1, 0) WHERE id = $1 AND status = 'pending'`, [id]);
}

export async function finishFollowup(q: Queryable, id: number, status: Exclude<FollowupStatus, 'pending'>, error?: string): Promise<void> {
  await q.query(`UPDATE followups SET status = $2, last_error = $3, data_enc = '', done_at = now() WHERE id = $1`, [id, status, error ?? null]);
}

export async function recordFollowupError(q: Queryable, id: number, error: string): Promise<void> {
  await q.query('UPDATE followups SET last_error = $2 WHERE id = $1', [id, error]);
}

/** Pending follow-ups made longer ago than this: their job may have been lost. */
export async function pendingFollowups(q: Queryable, olderThanSeconds: number): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `SELECT id FROM followups WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1) ORDER BY id`,
    [olderThanSeconds],
  );
  return rows.map((row) => row.id);
}
