import { erasePerson } from './erasure.ts';
import type { FieldCipher } from '../privacy/index.ts';
import type { Db, Queryable } from './db.ts';

/**
 * What the consent promised: a registration's personal data is deleted a number of days after
 * its campaign ends (the campaign's retention), or, outside any campaign, that many days after
 * the person's last report without one. Counts stay: the rows are kept, anonymised.
 */
export const defaultRetentionDays = 180;

/** Days a campaign keeps its personal data after its end unless its settings say otherwise. */
export const defaultCampaignRetentionDays = 30;

export interface PurgeResult {
  campaigns: string[];
  reports: number;
  persons: number;
}

async function anonymiseReports(q: Queryable, cipher: FieldCipher, where: string, params: unknown[]): Promise<number[]> {
  const rows = await q.query<{ person_id: number }>(
    `UPDATE reports SET answers_enc = $${params.length + 1}, answers_masked = '{}'::jsonb, erased_at = now()
     WHERE erased_at IS NULL AND ${where} RETURNING person_id`,
    [...params, cipher.encrypt('{}')],
  );
  return rows.map((row) => row.person_id);
}

/** People with nothing left to keep them by: no report still held, no staff role, no list of their own. */
async function leftWithNothing(q: Queryable, personIds: readonly number[]): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `SELECT p.id FROM persons p
     WHERE p.id = ANY($1::bigint[]) AND p.erased_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.person_id = p.id AND r.erased_at IS NULL)
       AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.person_id = p.id)
       AND NOT EXISTS (SELECT 1 FROM rosters l WHERE l.owner_person_id = p.id)`,
    [[...new Set(personIds)]],
  );
  return rows.map((row) => row.id);
}

/** Deletes the personal data whose time has come on `today` (YYYY-MM-DD, the community's day). Safe to run again. */
export async function purgeExpired(db: Db, cipher: FieldCipher, today: string, retentionDays = defaultRetentionDays): Promise<PurgeResult> {
  return db.transaction(async (tx) => {
    const due = await tx.query<{ id: number; name: string; ends_on: string }>(
      `SELECT id, name, to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM campaigns
       WHERE purged_at IS NULL AND ends_on IS NOT NULL AND ends_on + retention_days < $1::date ORDER BY id`,
      [today],
    );
    const touched: number[] = [];
    for (const campaign of due) {
      touched.push(...(await anonymiseReports(tx, cipher, 'campaign_id = $1', [campaign.id])));
      await tx.query(
        `UPDATE checkins c SET answer_enc = NULL FROM observations o WHERE o.id = c.observation_id AND o.campaign_id = $1`,
        [campaign.id],
      );
      // Rooms residents said were empty or away until then stay marked; who said it is forgotten.
      await tx.query(`UPDATE room_marks SET person_id = NULL WHERE source = 'resident' AND marked_at < $1::date + 1`, [campaign.ends_on]);
      await tx.query('UPDATE campaigns SET purged_at = now() WHERE id = $1', [campaign.id]);
    }
    touched.push(
      ...(await anonymiseReports(
        tx,
        cipher,
        `campaign_id IS NULL AND person_id IN (
           SELECT person_id FROM reports WHERE campaign_id IS NULL GROUP BY person_id
           HAVING max(created_at) < $1::date - make_interval(days => $2))`,
        [today, retentionDays],
      )),
    );
    const persons = await leftWithNothing(tx, touched);
    for (const personId of persons) await erasePerson(tx, cipher, personId);
    if (touched.length > 0) {
      await tx.query(`INSERT INTO audit_log (action, details) VALUES ('retention.purge', $1)`, [
        JSON.stringify({ campaigns: due.map((campaign) => campaign.id), reports: touched.length, persons: persons.length }),
      ]);
    }
    return { campaigns: due.map((campaign) => campaign.name), reports: touched.length, persons: persons.length };
  });
}
