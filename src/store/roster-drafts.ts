import { z } from 'zod';
import { PROBLEM_CODES, type RosterRow } from '../dialogs/roster/index.ts';
import type { FieldCipher } from '../privacy/index.ts';
import { maybeOne, one, type Queryable } from './db.ts';

/** A pasted roster between the paste and 确认: the rows hold ID numbers, so they are sealed as one JSON. */
export interface RosterDraft {
  id: number;
  accountId: number;
  chatId: number;
  sourceInboundId: number | null;
  /** The name of the file the list came in, when it came as one. */
  sourceFile: string | null;
  rows: RosterRow[];
  status: RosterDraftStatus;
  versionId: number | null;
  /** Tenants of the version before that this list left out; asked about before they are taken off. */
  missingEntryIds: number[];
}

export type RosterDraftStatus = 'open' | 'confirmed' | 'dropped';

const roomSchema = z.object({
  raw: z.string(),
  building: z.string().nullable(),
  unit: z.string().nullable(),
  room: z.string().nullable(),
});

const rowSchema = z.object({
  lineNo: z.number().int(),
  entry: z.object({
    name: z.string().nullable(),
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
    room: roomSchema.nullable(),
    moveIn: z.string().nullable(),
    action: z.enum(['add', 'remove', 'update']),
    valid: z.boolean(),
    problems: z.array(z.enum(PROBLEM_CODES)),
  }),
});

const rowsSchema = z.array(rowSchema);

interface DraftRow extends Record<string, unknown> {
  id: number;
  account_id: number;
  chat_id: number;
  source_inbound_id: number | null;
  source_file: string | null;
  rows_enc: string;
  status: RosterDraftStatus;
  version_id: number | null;
  missing_entry_ids: number[] | string[];
}

function toDraft(cipher: FieldCipher, row: DraftRow): RosterDraft {
  const rows: RosterRow[] = rowsSchema.parse(JSON.parse(cipher.decrypt(row.rows_enc)));
  return {
    id: row.id,
    accountId: row.account_id,
    chatId: row.chat_id,
    sourceInboundId: row.source_inbound_id,
    sourceFile: row.source_file,
    rows,
    status: row.status,
    versionId: row.version_id,
    missingEntryIds: row.missing_entry_ids.map(Number),
  };
}

export interface NewRosterDraft {
  accountId: number;
  chatId: number;
  sourceInboundId: number | null;
  sourceFile?: string | null;
  rows: readonly RosterRow[];
}

/** Opens a draft for the account; a draft still open from an earlier paste is dropped, the new list replaces it. */
export async function openRosterDraft(q: Queryable, cipher: FieldCipher, draft: NewRosterDraft): Promise<number> {
  await q.query(`UPDATE roster_drafts SET status = 'dropped', updated_at = now() WHERE account_id = $1 AND status = 'open'`, [
    draft.accountId,
  ]);
  const row = await one<{ id: number }>(
    q,
    `INSERT INTO roster_drafts (account_id, chat_id, source_inbound_id, source_file, rows_enc) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [draft.accountId, draft.chatId, draft.sourceInboundId, draft.sourceFile ?? null, cipher.encrypt(JSON.stringify(draft.rows))],
  );
  return row.id;
}

/** The account's open draft, locked for this transaction: corrections of one landlord land in order. */
export async function openDraftOf(q: Queryable, cipher: FieldCipher, accountId: number): Promise<RosterDraft | undefined> {
  const row = await maybeOne<DraftRow>(q, `SELECT * FROM roster_drafts WHERE account_id = $1 AND status = 'open' FOR UPDATE`, [accountId]);
  return row ? toDraft(cipher, row) : undefined;
}

/** A draft by its id, locked for this transaction, whatever its status. */
export async function lockDraft(q: Queryable, cipher: FieldCipher, draftId: number): Promise<RosterDraft | undefined> {
  const row = await maybeOne<DraftRow>(q, 'SELECT * FROM roster_drafts WHERE id = $1 FOR UPDATE', [draftId]);
  return row ? toDraft(cipher, row) : undefined;
}

export async function saveDraftRows(q: Queryable, cipher: FieldCipher, draftId: number, rows: readonly RosterRow[]): Promise<void> {
  await q.query('UPDATE roster_drafts SET rows_enc = $2, updated_at = now() WHERE id = $1', [draftId, cipher.encrypt(JSON.stringify(rows))]);
}

export async function dropDraft(q: Queryable, draftId: number): Promise<void> {
  await q.query(`UPDATE roster_drafts SET status = 'dropped', updated_at = now() WHERE id = $1`, [draftId]);
}

/** Marks the draft saved as `versionId` by the message `confirmedBy`; `missingEntryIds` wait for the landlord's 是. */
export async function confirmDraft(
  q: Queryable,
  draftId: number,
  saved: { versionId: number; confirmedBy: number; missingEntryIds: readonly number[] },
): Promise<void> {
  await q.query(
    `UPDATE roster_drafts SET status = 'confirmed', version_id = $2, missing_entry_ids = $3::bigint[], confirmed_inbound_id = $4, updated_at = now()
     WHERE id = $1`,
    [draftId, saved.versionId, saved.missingEntryIds, saved.confirmedBy],
  );
}

/** How long the question about tenants left out of a list stands for a bare 「是」. */
export const moveOutAnswerWindowHours = 24;

/**
 * The account's last confirmed draft that still waits for an answer about tenants missing from
 * it, when `answerId` can be that answer: the next message in the chat after the 确认 that asked,
 * within a day. A 「是」 written later, or after talk about something else, answers something else.
 */
export async function draftAwaitingMoveOut(q: Queryable, cipher: FieldCipher, accountId: number, answerId: number): Promise<RosterDraft | undefined> {
  const row = await maybeOne<DraftRow>(
    q,
    `SELECT d.* FROM roster_drafts d
       JOIN inbound_messages asked ON asked.id = d.confirmed_inbound_id
       JOIN inbound_messages answer ON answer.id = $2
     WHERE d.account_id = $1 AND d.status = 'confirmed' AND cardinality(d.missing_entry_ids) > 0
       AND d.id = (SELECT max(id) FROM roster_drafts WHERE account_id = $1 AND status <> 'dropped')
       AND answer.chat_id = asked.chat_id AND answer.id > asked.id
       AND answer.sent_at <= asked.sent_at + make_interval(hours => $3)
       AND NOT EXISTS (SELECT 1 FROM inbound_messages between_them
                       WHERE between_them.chat_id = asked.chat_id AND between_them.account_id = $1
                         AND between_them.id > asked.id AND between_them.id < answer.id)
     FOR UPDATE OF d`,
    [accountId, answerId, moveOutAnswerWindowHours],
  );
  return row ? toDraft(cipher, row) : undefined;
}

export async function clearMissing(q: Queryable, draftId: number): Promise<void> {
  await q.query(`UPDATE roster_drafts SET missing_entry_ids = '{}', updated_at = now() WHERE id = $1`, [draftId]);
}
