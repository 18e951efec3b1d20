import { z } from 'zod';
import type { JsonValue } from '../dialogs/answer-kinds.ts';
import type { FormDefinition } from '../dialogs/form.ts';
import { type FieldCipher, maskIdNumber, maskPhone, maskText } from '../privacy/index.ts';
import { one, type Queryable } from './db.ts';

/**
 * Reports are never overwritten: a correction is a new report that supersedes the earlier one.
 * The answers are kept encrypted, with a masked copy that digests and staff views can read.
 */
export function maskAnswers(form: FormDefinition, answers: Record<string, JsonValue>): Record<string, JsonValue> {
  const masked: Record<string, JsonValue> = {};
  for (const [id, value] of Object.entries(answers)) {
    const question = form.questions.find((q) => q.id === id);
    if (question?.kind === 'id-document' && value && typeof value === 'object' && !Array.isArray(value)) {
      masked[id] = { ...value, number: maskIdNumber(String(value['number'] ?? '')) };
    } else if (question?.kind === 'mobile' && typeof value === 'string') {
      masked[id] = maskPhone(value);
    } else if (typeof value === 'string') {
      masked[id] = maskText(value);
    } else {
      masked[id] = value;
    }
  }
  return masked;
}

export interface NewReport {
  form: FormDefinition;
  personId: number;
  accountId: number | null;
  chatId: number | null;
  campaignId: number | null;
  answers: Record<string, JsonValue>;
}

export async function insertReport(q: Queryable, cipher: FieldCipher, report: NewReport): Promise<number> {
  const previous = await q.query<{ id: number }>(
    'SELECT id FROM reports WHERE person_id = $1 AND form_id = $2 ORDER BY id DESC LIMIT 1',
    [report.personId, report.form.id],
  );
  const row = await one<{ id: number }>(
    q,
    `INSERT INTO reports (campaign_id, form_id, form_version, person_id, account_id, chat_id, answers_enc, answers_masked, supersedes_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      report.campaignId,
      report.form.id,
      report.form.version,
      report.personId,
      report.accountId,
      report.chatId,
      cipher.encrypt(JSON.stringify(report.answers)),
      JSON.stringify(maskAnswers(report.form, report.answers)),
      previous[0]?.id ?? null,
    ],
  );
  return row.id;
}

const storedAnswers = z.record(z.string(), z.json());

export interface StoredReport {
  id: number;
  personId: number;
  formId: string;
  createdAt: Date;
  answers: Record<string, JsonValue>;
}

/** The latest report of each given person for a form, decrypted: for the person's own eyes. */
export async function latestReports(q: Queryable, cipher: FieldCipher, formId: string, personIds: readonly number[]): Promise<StoredReport[]> {
  const rows = await q.query<{ id: number; person_id: number; form_id: string; created_at: Date; answers_enc: string }>(
    `SELECT DISTINCT ON (person_id) id, person_id, form_id, created_at, answers_enc FROM reports
     WHERE form_id = $1 AND person_id = ANY($2::bigint[]) AND erased_at IS NULL ORDER BY person_id, id DESC`,
    [formId, personIds],
  );
  return rows.map((row) => ({
    id: row.id,
    personId: row.person_id,
    formId: row.form_id,
    createdAt: row.created_at,
    answers: storedAnswers.parse(JSON.parse(cipher.decrypt(row.answers_enc))) as Record<string, JsonValue>,
  }));
}
