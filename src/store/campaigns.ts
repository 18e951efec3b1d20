import { z } from 'zod';
import { applyFormSettings, FormError, formSchema, formSettingsSchema } from '../dialogs/form.ts';
import { ownFormProblems } from '../dialogs/own-form.ts';
import { one, type Queryable } from './db.ts';
import { readInTransaction } from './read-memo.ts';

const clockTime = z
  .string()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'a time of day is written HH:MM, e.g. 10:00');

/**
 * What a campaign sets: its form (the named form switched and reworded, or a form of its own),
 * the places it reaches (a notice scope: `all`, `site:NAME`, `building:SITE/BUILDING`, `grid:NAME`,
 * several joined by commas), when groups are prompted and residents reminded.
 */
export const campaignSettingsObject = z
  .object({
    form: formSettingsSchema.default({ disabled: [], prompts: {} }),
    /** A form of its own, written as data; its id becomes the campaign's form. */
    ownForm: formSchema.optional(),
    /** Days of observation after an arrival from outside. */
    observationDays: z.number().int().min(1).max(60).default(14),
    scope: z.string().trim().min(1).max(500).default('all'),
    /** When each group in scope is prompted, daily, in the community's time zone. */
    promptAt: clockTime.default('10:00'),
    /** When residents who have not finished are reminded privately. */
    reminders: z.array(clockTime).max(4).default([]),
  })
  .strict();

/**
 * Settings as staff give them: a form of its own must also say who and where (see ownFormProblems),
 * and its switches must fit it. Stored settings are read without these checks, so that a rule made
 * stricter later never stops a campaign that runs.
 */
export const campaignSettingsSchema = campaignSettingsObject.superRefine((settings, context) => checkOwnForm(settings, context));

/** A form of its own says who and where; its switches, if any, are checked against it. */
export function checkOwnForm(settings: Pick<z.infer<typeof campaignSettingsObject>, 'ownForm' | 'form'>, context: z.RefinementCtx): void {
  const own = settings.ownForm;
  if (!own) return;
  for (const problem of ownFormProblems(own)) {
    const path = problem.index === undefined ? ['ownForm'] : ['ownForm', 'questions', problem.index];
    context.addIssue({ code: 'custom', path, message: problem.message });
  }
  try {
    applyFormSettings(own, settings.form);
  } catch (error) {
    if (!(error instanceof FormError)) throw error;
    context.addIssue({ code: 'custom', path: ['form'], message: error.message });
  }
}
export type CampaignSettings = z.infer<typeof campaignSettingsSchema>;
export type CampaignSettingsInput = z.input<typeof campaignSettingsSchema>;

export interface Campaign {
  id: number;
  communityId: number;
  name: string;
  formId: string;
  startsOn: string;
  endsOn: string | null;
  retentionDays: number;
  settings: CampaignSettings;
  /** When it was closed (its end date passed, or staff ended it); null while it runs. */
  endedAt: Date | null;
  purgedAt: Date | null;
  createdByPersonId: number | null;
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
  ended_at: Date | null;
  purged_at: Date | null;
  created_by_person_id: number | null;
}

const toCampaign = (row: CampaignRow): Campaign => ({
  id: row.id,
  communityId: row.community_id,
  name: row.name,
  formId: row.form_id,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  retentionDays: row.retention_days,
  settings: campaignSettingsObject.parse(row.settings ?? {}),
  endedAt: row.ended_at,
  purgedAt: row.purged_at,
  createdByPersonId: row.created_by_person_id,
});

/** Whether a campaign runs on a day: started, not past its end, not closed. */
export function runsOn(campaign: Campaign, day: string): boolean {
  return campaign.endedAt === null && campaign.startsOn <= day && (campaign.endsOn === null || campaign.endsOn >= day);
}

const running = `ended_at IS NULL AND starts_on <= $DAY AND (ends_on IS NULL OR ends_on >= $DAY)`;

/** The campaign of a community that runs a form on a day: the one that started last. */
export async function runningCampaign(q: Queryable, communityId: number, formId: string, day: string): Promise<Campaign | undefined> {
  const rows = await q.query<CampaignRow>(
    `SELECT * FROM campaigns WHERE community_id = $1 AND form_id = $2 AND ${running.replaceAll('$DAY', '$3')}
     ORDER BY starts_on DESC, id DESC LIMIT 1`,
    [communityId, formId, day],
  );
  return rows[0] ? toCampaign(rows[0]) : undefined;
}

/** Every campaign running on a day, in one community or in all, oldest first (read once a transaction until it writes). */
export async function runningCampaigns(q: Queryable, day: string, communityId?: number): Promise<Campaign[]> {
  const rows = await readInTransaction(q, `running-campaigns:${day}:${communityId ?? ''}`, () =>
    q.query<CampaignRow>(
      `SELECT * FROM campaigns WHERE ${running.replaceAll('$DAY', '$1')} AND ($2::bigint IS NULL OR community_id = $2)
       ORDER BY starts_on, id`,
      [day, communityId ?? null],
    ),
  );
  return rows.map(toCampaign);
}

/** Campaigns whose end date has passed but that were not closed yet: the daily job closes them. */
export async function campaignsPastTheirEnd(q: Queryable, day: string): Promise<Campaign[]> {
  const rows = await q.query<CampaignRow>(
    `SELECT * FROM campaigns WHERE ended_at IS NULL AND ends_on IS NOT NULL AND ends_on < $1 ORDER BY id`,
    [day],
  );
  return rows.map(toCampaign);
}

export async function getCampaign(q: Queryable, id: number): Promise<Campaign | undefined> {
  const rows = await q.query<CampaignRow>('SELECT * FROM campaigns WHERE id = $1', [id]);
  return rows[0] ? toCampaign(rows[0]) : undefined;
}

/** Campaigns of that name, in the given communities or anywhere (a name is unique per community). */
export async function campaignsNamed(q: Queryable, name: string, communityIds?: readonly number[]): Promise<Campaign[]> {
  const rows = await q.query<CampaignRow>(
    `SELECT * FROM campaigns WHERE name = $1 AND ($2::bigint[] IS NULL OR community_id = ANY($2::bigint[])) ORDER BY id`,
    [name, communityIds ? [...communityIds] : null],
  );
  return rows.map(toCampaign);
}

/** All campaigns, in the given communities or anywhere, the newest first. */
export async function listCampaigns(q: Queryable, communityIds?: readonly number[]): Promise<Campaign[]> {
  const rows = await q.query<CampaignRow>(
    `SELECT * FROM campaigns WHERE ($1::bigint[] IS NULL OR community_id = ANY($1::bigint[])) ORDER BY starts_on DESC, id DESC`,
    [communityIds ? [...communityIds] : null],
  );
  return rows.map(toCampaign);
}

export type NewCampaign = Pick<Campaign, 'communityId' | 'name' | 'formId' | 'startsOn' | 'endsOn' | 'retentionDays' | 'settings'> & {
  createdByPersonId?: number | null;
};

/** Creates a campaign, or updates the one of that name in the community; a form of its own gives the form's id. */
export async function saveCampaign(q: Queryable, campaign: NewCampaign): Promise<number> {
  const formId = campaign.settings.ownForm?.id ?? campaign.formId;
  const row = await one<{ id: number }>(
    q,
    `INSERT INTO campaigns (community_id, name, form_id, starts_on, ends_on, retention_days, settings, created_by_person_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (community_id, name) DO UPDATE SET form_id = $3, starts_on = $4, ends_on = $5, retention_days = $6, settings = $7
     RETURNING id`,
    [
      campaign.communityId,
      campaign.name,
      formId,
      campaign.startsOn,
      campaign.endsOn,
      campaign.retentionDays,
      JSON.stringify(campaign.settings),
      campaign.createdByPersonId ?? null,
    ],
  );
  return row.id;
}

/**
 * Closes a campaign on `day`: its end date becomes that day when it was later or open, so that
 * the retention counts from when it really ended. Returns false when it was closed already.
 */
export async function endCampaign(q: Queryable, id: number, day: string): Promise<boolean> {
  const rows = await q.query(
    `UPDATE campaigns SET ended_at = now(), ends_on = CASE WHEN ends_on IS NULL OR ends_on > $2::date THEN $2::date ELSE ends_on END
     WHERE id = $1 AND ended_at IS NULL RETURNING id`,
    [id, day],
  );
  return rows.length > 0;
}

/** Moves a campaign's end to `to`; a closed campaign whose new end is not past runs again. */
export async function extendCampaign(q: Queryable, id: number, to: string, today: string): Promise<void> {
  await q.query(
    `UPDATE campaigns SET ends_on = $2::date, ended_at = CASE WHEN $2::date >= $3::date AND purged_at IS NULL THEN NULL ELSE ended_at END
     WHERE id = $1`,
    [id, to, today],
  );
  if (to >= today) await q.query('UPDATE campaign_chats SET closed_at = NULL WHERE campaign_id = $1', [id]);
}
