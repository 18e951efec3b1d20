import { z } from 'zod';
import type { JsonValue } from '../../../dialogs/answer-kinds.ts';
import { formOfCampaign, isResidentCampaign } from '../../../dialogs/campaign-form.ts';
import { normalize } from '../../../dialogs/answers/index.ts';
import type { EarlierAnswers } from '../../../dialogs/prefill.ts';
import { campaignAreaIds } from '../../../store/campaign-coverage.ts';
import { runningCampaigns, type Campaign } from '../../../store/campaigns.ts';
import type { FieldCipher } from '../../../store/crypto.ts';
import type { Queryable } from '../../../store/db.ts';

/**
 * Which campaigns a resident's 登记 answers: the running campaigns residents take part in whose
 * scope holds the place (the group they wrote in, else the room they are known to live in, else
 * the whole community), those they have not answered yet first; all of them again when they have.
 */

/** The room a person lives in now, as far as Linli knows. */
export async function knownRoom(q: Queryable, personId: number): Promise<number | null> {
  const rows = await q.query<{ room_id: number }>(
    `SELECT room_id FROM occupancies WHERE person_id = $1 AND until IS NULL AND room_id IS NOT NULL ORDER BY id DESC LIMIT 1`,
    [personId],
  );
  return rows[0]?.room_id ?? null;
}

/** The running campaigns residents answer whose scope holds the area, oldest first. */
export async function campaignsAt(q: Queryable, communityId: number, areaId: number, today: string): Promise<Campaign[]> {
  const found: Campaign[] = [];
  for (const campaign of await runningCampaigns(q, today, communityId)) {
    if (isResidentCampaign(campaign) && (await campaignAreaIds(q, campaign)).includes(areaId)) found.push(campaign);
  }
  return found;
}

async function answeredIn(q: Queryable, personId: number, campaignIds: readonly number[]): Promise<Set<number>> {
  const rows = await q.query<{ campaign_id: number }>(
    `SELECT DISTINCT campaign_id FROM reports WHERE person_id = $1 AND campaign_id = ANY($2::bigint[]) AND erased_at IS NULL`,
    [personId, [...campaignIds]],
  );
  return new Set(rows.map((row) => row.campaign_id));
}

/** The campaigns to ask a person about at a place: those not answered yet, or all again. */
export async function campaignsToAsk(q: Queryable, options: { communityId: number; areaId: number; personId: number; today: string }): Promise<Campaign[]> {
  const here = await campaignsAt(q, options.communityId, options.areaId, options.today);
  const answered = await answeredIn(q, options.personId, here.map((c) => c.id));
  const open = here.filter((campaign) => !answered.has(campaign.id));
  return open.length > 0 ? open : here;
}

/** The running campaign residents answer that is called `text` (高温探访), in the community. */
export async function campaignNamed(q: Queryable, communityId: number, text: string, today: string): Promise<Campaign | undefined> {
  const said = normalize(text).replace(/[\s。.!！~]+$/u, '');
  if (said === '') return undefined;
  const running = await runningCampaigns(q, today, communityId);
  return running.find((campaign) => isResidentCampaign(campaign) && normalize(campaign.name) === said);
}

const storedAnswers = z.record(z.string(), z.json());

/**
 * What a person answered in the campaigns that still run, other than `except`: the latest report
 * in each, not erased, the newest first.
 */
export async function earlierAnswers(
  q: Queryable,
  cipher: FieldCipher,
  options: { communityId: number; personId: number; today: string; except: readonly number[] },
): Promise<EarlierAnswers[]> {
  const running = (await runningCampaigns(q, options.today, options.communityId)).filter((c) => !options.except.includes(c.id));
  if (running.length === 0) return [];
  const rows = await q.query<{ id: number; campaign_id: number; answers_enc: string }>(
    `SELECT DISTINCT ON (campaign_id) campaign_id, answers_enc, id FROM reports
     WHERE person_id = $1 AND campaign_id = ANY($2::bigint[]) AND erased_at IS NULL
     ORDER BY campaign_id, id DESC`,
    [options.personId, running.map((c) => c.id)],
  );
  const byCampaign = new Map(running.map((c) => [c.id, c]));
  const found: Array<EarlierAnswers & { order: number }> = [];
  for (const row of rows) {
    const campaign = byCampaign.get(row.campaign_id);
    if (!campaign) continue;
    const answers = storedAnswers.parse(JSON.parse(cipher.decrypt(row.answers_enc))) as Record<string, JsonValue>;
    found.push({ form: formOfCampaign(campaign), answers, order: Number(row.id) });
  }
  return found.sort((a, b) => b.order - a.order).map(({ form, answers }) => ({ form, answers }));
}
