import type { FieldCipher } from '../privacy/index.ts';
import type { Queryable, Row } from './db.ts';
import { rebuildFindKeys } from './find-index.ts';
import { registryFingerprint } from './registry.ts';

/**
 * Every column that holds personal data sealed or keyed-hashed, by table, in the order a key
 * rotation walks them. A new encrypted or hashed column belongs here, or a rotation leaves it
 * behind (test/store/key-rotation.test.ts checks the migrations against this list).
 */

export interface HashedColumn {
  column: string;
  /** The sealed column whose plain value this is the hash of. */
  of: string;
  kind: 'id' | 'phone';
}

export interface SealedTable {
  table: string;
  sealed: readonly string[];
  hashed: readonly HashedColumn[];
  /** Other columns that `finish` reads. */
  read: readonly string[];
  /**
   * Every row is worked on, not only those sealed under an older key: its hashes may be old
   * even where nothing of it is sealed (a registry row of a name alone, the find keys of a person).
   */
  everyRow: boolean;
  /** What else a batch changes once its rows are sealed again, given each row's plain values by column. */
  finish?: (q: Queryable, cipher: FieldCipher, rows: readonly RotatedRow[]) => Promise<void>;
}

export interface RotatedRow {
  row: Row & { id: number };
  plain: ReadonlyMap<string, string | null>;
}

const idAndPhone: readonly HashedColumn[] = [
  { column: 'id_number_hash', of: 'id_number_enc', kind: 'id' },
  { column: 'phone_hash', of: 'phone_enc', kind: 'phone' },
];

const personIdsOf = (rows: readonly RotatedRow[]) => [
  ...new Set(rows.flatMap(({ row }) => (typeof row['person_id'] === 'number' ? [row['person_id']] : []))),
];

/** A registry row's fingerprint, and the row key made of it when the source gave no ref, hashed again. */
async function rehashRegistryRows(q: Queryable, cipher: FieldCipher, rows: readonly RotatedRow[]): Promise<void> {
  const ids: number[] = [];
  const fingerprints: string[] = [];
  for (const { row, plain } of rows) {
    ids.push(row.id);
    fingerprints.push(
      registryFingerprint(cipher, {
        name: (row['name'] as string | null) ?? null,
        idNumber: plain.get('id_number_enc') ?? null,
        phone: plain.get('phone_enc') ?? null,
        address: (row['address'] as string | null) ?? null,
        siteId: (row['site_id'] as number | null) ?? null,
      }),
    );
  }
  await q.query(
    `UPDATE registry_entries e SET fingerprint = u.fingerprint,
       row_key = CASE WHEN e.row_key LIKE 'row:%' THEN 'row:' || u.fingerprint ELSE e.row_key END
     FROM unnest($1::bigint[], $2::text[]) AS u(id, fingerprint) WHERE e.id = u.id`,
    [ids, fingerprints],
  );
  await rebuildFindKeys(q, cipher, personIdsOf(rows));
}

export const sealedTables: readonly SealedTable[] = [
  {
    table: 'registry_entries',
    sealed: ['id_number_enc', 'phone_enc'],
    hashed: idAndPhone,
    read: ['person_id', 'name', 'address', 'site_id'],
    everyRow: true,
    finish: rehashRegistryRows,
  },
  {
    table: 'persons',
    sealed: ['id_number_enc', 'phone_enc'],
    hashed: idAndPhone,
    read: [],
    everyRow: true,
    // The find index is a person's keyed hashes: built again under the new key, batch by batch.
    finish: (q, cipher, rows) => rebuildFindKeys(q, cipher, rows.map(({ row }) => row.id)),
  },
  { table: 'roster_entries', sealed: ['id_number_enc', 'phone_enc'], hashed: idAndPhone, read: [], everyRow: false },
  { table: 'reports', sealed: ['answers_enc'], hashed: [], read: [], everyRow: false },
  { table: 'checkins', sealed: ['answer_enc'], hashed: [], read: [], everyRow: false },
  { table: 'shop_status_answers', sealed: ['answer_enc'], hashed: [], read: [], everyRow: false },
  { table: 'roster_drafts', sealed: ['rows_enc'], hashed: [], read: [], everyRow: false },
  { table: 'dialog_sessions', sealed: ['state_enc'], hashed: [], read: [], everyRow: false },
  { table: 'followups', sealed: ['data_enc'], hashed: [], read: [], everyRow: false },
  { table: 'notices', sealed: ['body_enc', 'attachment_enc'], hashed: [], read: [], everyRow: false },
  { table: 'inbound_messages', sealed: ['text_enc', 'quoted_enc'], hashed: [], read: [], everyRow: false },
  { table: 'outbox', sealed: ['text_enc', 'file_enc'], hashed: [], read: [], everyRow: false },
  { table: 'sandbox_transcript', sealed: ['text_enc'], hashed: [], read: [], everyRow: false },
];
