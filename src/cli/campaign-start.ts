import { applyFormSettings, FormError, loadForm } from '../dialogs/form.ts';
import { queueCampaignStart } from '../jobs/campaign-queue.ts';
import { campaignGroups } from '../store/campaign-chats.ts';
import { campaignAreaIds, countBuildings } from '../store/campaign-coverage.ts';
import { campaignSettingsSchema, getCampaign, saveCampaign } from '../store/campaigns.ts';
import type { Queryable } from '../store/db.ts';
import { NoticeScopeError } from '../store/notice-scope.ts';
import { defaultCampaignRetentionDays } from '../store/retention.ts';
import { purgeDay } from '../reports/campaign-status.ts';
import { localDay } from '../time.ts';
import { readCampaignFile, type CampaignFile } from '../dialogs/campaign-file.ts';
import { communityNamed } from './campaign-named.ts';
import { startForCommand } from './runtime.ts';

export interface StartOptions {
  community: string;
  name: string;
  form?: string;
  from?: string;
  to?: string;
  retention?: number;
  settings?: string;
}

/** What the command saves: the file's values, each overridden by an option given on the command line. */
export function campaignFromOptions(options: StartOptions, today: string): { file: CampaignFile; startsOn: string; endsOn: string | null; retentionDays: number } {
  const file = options.settings
    ? readCampaignFile(options.settings)
    : { settings: campaignSettingsSchema.parse({}), formId: 'registration' };
  if (options.form !== undefined && file.settings.ownForm && options.form !== file.settings.ownForm.id) {
    throw new Error(`--form ${options.form}: the settings file writes a form of its own, ${file.settings.ownForm.id}`);
  }
  const formId = options.form ?? file.formId;
  if (options.form !== undefined && !file.settings.ownForm) {
    try {
      applyFormSettings(loadForm(formId), file.settings.form);
    } catch (error) {
      if (error instanceof FormError) throw new Error(`--form ${formId}: ${error.message}`);
      throw error;
    }
  }
  const startsOn = options.from ?? file.starts ?? today;
  const endsOn = options.to ?? file.ends ?? null;
  if (endsOn !== null && endsOn < startsOn) throw new Error(`the campaign ends (${endsOn}) before it starts (${startsOn})`);
  return { file: { ...file, formId }, startsOn, endsOn, retentionDays: options.retention ?? file.retentionDays ?? defaultCampaignRetentionDays };
}

/** The scope's places within the community; an error when it names none there or a place that is not. */
async function checkScope(q: Queryable, communityId: number, community: string, scope: string): Promise<number[]> {
  try {
    const areaIds = await campaignAreaIds(q, { communityId, settings: campaignSettingsSchema.parse({ scope }) });
    const rooms = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM areas WHERE kind = 'room' AND id = ANY($1::bigint[])`, [areaIds]);
    if ((rooms[0]?.n ?? 0) === 0) throw new Error(`scope ${scope}: no known room of ${community} lies in it`);
    return areaIds;
  } catch (error) {
    if (error instanceof NoticeScopeError) throw new Error(`scope ${scope}: ${error.message}`);
    throw error;
  }
}

/** `linli campaign start`: saved, and its start queued so that the bot announces it in every group in scope. */
export async function startCampaignCommand(options: StartOptions): Promise<void> {
  const { config, linli } = await startForCommand({ workers: false });
  try {
    const { deps } = linli;
    const now = deps.clock();
    const today = localDay(now, config.timeZone);
    const read = campaignFromOptions(options, today);
    const saved = await deps.db.transaction(async (tx) => {
      const community = await communityNamed(tx, options.community);
      const areaIds = await checkScope(tx, community.id, community.name, read.file.settings.scope);
      const id = await saveCampaign(tx, {
        communityId: community.id,
        name: options.name,
        formId: read.file.formId,
        startsOn: read.startsOn,
        endsOn: read.endsOn,
        retentionDays: read.retentionDays,
        settings: read.file.settings,
      });
      const campaign = await getCampaign(tx, id);
      if (!campaign) throw new Error('the campaign was not saved');
      const groups = await campaignGroups(tx, campaign, areaIds);
      const rooms = (await countBuildings(tx, campaign, { timeZone: config.timeZone, day: today, now, areaIds })).reduce((sum, b) => sum + b.roomsKnown, 0);
      return { campaign, groups: groups.length, rooms };
    });
    await queueCampaignStart(deps.jobs, saved.campaign.id, now);
    const { campaign } = saved;
    const purge = purgeDay(campaign);
    process.stdout.write(
      [
        `${campaign.name} (${options.community}): form ${campaign.formId}, ${campaign.startsOn} to ${campaign.endsOn ?? 'open'}`,
        `  scope ${campaign.settings.scope}: ${saved.groups} group${saved.groups === 1 ? '' : 's'}, ${saved.rooms} rooms known`,
        `  prompts daily at ${campaign.settings.promptAt}${campaign.settings.reminders.length > 0 ? `, reminders at ${campaign.settings.reminders.join(', ')}` : ''}`,
        `  personal data kept ${campaign.retentionDays} days after the end${purge ? `: deleted on ${purge}` : ''}`,
        `  queued: the bot announces it once in every group in scope${campaign.startsOn > today ? ` when it starts on ${campaign.startsOn}` : ''}`,
      ].join('\n') + '\n',
    );
  } finally {
    await linli.close();
  }
}
