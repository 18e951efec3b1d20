import { z } from 'zod';
import { formSettingsSchema } from '../dialogs/form.ts';
import { one, type Queryable } from './db.ts';

/** What a campaign sets for its form and its people. */
export const campaignSettingsSchema = z.object({
  form: formSettingsSchema.default({ disabled: [], prompts: {} }),
  /** Days of observation after an arrival from outside. */
  observationDays: z.number().int().min(1).max(60).default(14),
});
export type CampaignSettings = z.infer<typeof campaignSettingsSchema>;

export interface Campaign {
  id: number;
  communityId: number;
  name: string;
  formId: string;
  startsOn: string;
  endsOn: string | null;
  retentionDays: number;
  settings: CampaignSettings;
}

interface CampaignRow extends Record<string, unknown> {
  id: number;
  community_id: number;
  name: string;
  form_id: string;
  starts_on: string;
  ends_on: string | null;
  retention_days: number;
  settings: unknown;
}

const toCampaign = (row: CampaignRow): Campaign => ({
  id: row.id,
  communityId: row.community_id,
  name: row.name,
  formId: row.form_id,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  retentionDays: row.retention_days,
  settings: campaignSettingsSchema.parse(row.settings ?? {}),
});

/** The campaign of a community that runs a form on a day: the one that started last. */
export async function runningCampaign(q: Queryable, communityId: number, formId: string, day: string): Promise<Campaign | undefined> {
  const rows = await q.query<CampaignRow>(
    `SELECT * FROM campaigns WHERE community_id = $1 AND form_id = $2 AND starts_on <= $3 AND (ends_on IS NULL OR ends_on >= $3)
     ORDER BY starts_on DESC, id DESC LIMIT 1`,
    [communityId, formId, day],
  );
  return rows[0] ? toCampaign(rows[0]) : undefined;
}

export type NewCampaign = Omit<Campaign, 'id'>;

/** Creates a campaign, or updates the one of that name in the community. */
export async function saveCampaign(q: Queryable, campaign: NewCampaign): Promise<number> {
  const row = await one<{ id: number }>(
    q,
    `INSERT INTO campaigns (community_id, name, form_id, starts_on, ends_on, retention_days, settings)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (community_id, name) DO UPDATE SET form_id = $3, starts_on = $4, ends_on = $5, retention_days = $6, settings = $7
     RETURNING id`,
    [campaign.communityId, campaign.name, campaign.formId, campaign.startsOn, campaign.endsOn, campaign.retentionDays, JSON.stringify(campaign.settings)],
  );
  return row.id;
}
