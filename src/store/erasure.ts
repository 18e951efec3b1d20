import type { FieldCipher } from '../privacy/index.ts';
import type { Queryable } from './db.ts';

const erasedText = '[已删除]';

export interface ErasureResult {
  /** The person and the family members they registered who had no account of their own. */
  persons: number[];
  reports: number;
}

/**
 * Deletes a person's personal data at their own request, with that of the family members they
 * registered who never spoke to the bot themselves. What must be kept for the counts (that a
 * room was registered, that a report was made on a day, the audit log) stays, without anything
 * that names or reaches the person: names, ID numbers, phones, answers, check-in answers, the
 * texts of their messages and of the bot's replies to them, and forms in progress.
 */
export async function erasePerson(q: Queryable, cipher: FieldCipher, personId: number): Promise<ErasureResult> {
  const family = await q.query<{ person_id: number }>(
    `SELECT DISTINCT o.person_id FROM occupancies o
     WHERE o.household_id = $1 AND o.person_id <> $1
       AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.person_id = o.person_id)`,
    [personId],
  );
  const persons = [personId, ...family.map((member) => member.person_id)];
  await q.query(
    `UPDATE persons SET name = NULL, id_number_enc = NULL, id_number_hash = NULL, phone_enc = NULL, phone_hash = NULL,
            erased_at = now(), updated_at = now()
     WHERE id = ANY($1::bigint[])`,
    [persons],
  );
  const reports = await q.query(
    `UPDATE reports SET answers_enc = $2, answers_masked = '{}'::jsonb, erased_at = now()
     WHERE person_id = ANY($1::bigint[]) AND erased_at IS NULL RETURNING id`,
    [persons, cipher.encrypt('{}')],
  );
  await q.query(`UPDATE checkins SET answer_enc = NULL WHERE person_id = ANY($1::bigint[])`, [persons]);
  await q.query(`UPDATE roster_entries SET person_id = NULL WHERE person_id = ANY($1::bigint[])`, [persons]);
  await q.query(`UPDATE occupancies SET room_text = NULL WHERE person_id = ANY($1::bigint[])`, [persons]);
  // A room they said was empty or away stays so; who said it goes.
  await q.query(`UPDATE room_marks SET person_id = NULL WHERE person_id = ANY($1::bigint[])`, [persons]);
  const accounts = `SELECT id FROM accounts WHERE person_id = $1`;
  await q.query(`UPDATE accounts SET display_name = NULL WHERE person_id = $1`, [personId]);
  await q.query(`DELETE FROM dialog_sessions WHERE account_id IN (${accounts})`, [personId]);
  await q.query(`UPDATE inbound_messages SET text_enc = NULL, text_masked = $2 WHERE account_id IN (${accounts})`, [personId, erasedText]);
  const blank = cipher.encrypt(erasedText);
  // Replies still waiting to be sent keep their text: the person is owed them.
  await q.query(
    `UPDATE outbox SET text_enc = $2, text_masked = $3 WHERE to_account_id IN (${accounts}) AND status NOT IN ('pending', 'sending')`,
    [personId, blank, erasedText],
  );
  await q.query(`UPDATE sandbox_transcript SET text_enc = $2, text_masked = $3 WHERE to_account_id IN (${accounts})`, [personId, blank, erasedText]);
  return { persons, reports: reports.length };
}
