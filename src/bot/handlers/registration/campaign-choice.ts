import { z } from 'zod';
import type { JsonValue } from '../../../dialogs/answer-kinds.ts';
import { formOfCampaignIfAny, isResidentCampaign } from '../../../dialogs/campaign-form.ts';
import { normalize } from '../../../dialogs/answers/index.ts';
import type { EarlierAnswers } from '../../../dialogs/prefill.ts';
import { campaignAreaIds } from '../../../store/campaign-coverage.ts';
import { runningCampaigns, type Campaign } from '../../../store/campaigns.ts';
import type { FieldCipher } from '../../../privacy/index.ts';
import type { Queryable } from '../../../store/db.ts';
import { NoticeScopeError } from '../../../store/notice-scope.ts';

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

/**
 * Whether a campaign's scope holds the area. A scope naming a place that is gone (a building
 * renamed since) holds nothing: residents are not stopped by it; staff see it in the status.
 */
export async function campaignReaches(q: Queryable, campaign: Campaign, areaId: number): Promise<boolean> {
  try {
    return (await campaignAreaIds(q, campaign)).includes(areaId);
  } catch (error) {
    if (error instanceof NoticeScopeError || error instanceof z.ZodError) return false;
    throw error;
  }
}

/** The running campaigns residents answer whose scope holds the area, oldest first. */
export async function campaignsAt(q: Queryable, communityId: number, areaId: number, today: string): Promise<Campaign[]> {
  const found: Campaign[] = [];
  for (const campaign of await runningCampaigns(q, today, communityId)) {
    if (isResidentCampaign(campaign) && (await campaignReaches(q, campaign, areaId))) found.push(campaign);
  }
  return found;
}

async function answeredIn(q: Queryable, personId: number, campaignIds: readonly number[]): Promise<Set<number>> {
  const rows = await q.query<{ campaign_id: number }>(
    `SELECT DISTINCT campaign_id FROM reports WHERE person_id = $1 AND campaign_id = ANY($2::bigint[]) AND erased_at IS NULL`,
    [personId, [...campaignIds]],
  );
  return new Set(rows.map((row) => Number(row.campaign_id)));
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
    const campaign = byCampaign.get(Number(row.campaign_id));
    const form = campaign ? formOfCampaignIfAny(campaign) : undefined;
    if (!form) continue;
    const answers = storedAnswers.parse(JSON.parse(cipher.decrypt(row.answers_enc))) as Record<string, JsonValue>;
    found.push({ form, answers, order: Number(row.id) });
  }
  return found.sort((a, b) => b.order - a.order).map(({ form, answers }) => ({ form, answers }));
}
