import type { BotDeps } from '../bot/deps.ts';
import { writeOutbox, type QueuedSend } from '../bot/outbox.ts';
import { queueSends } from '../bot/pipeline.ts';
import { campaignGroups, buildingsOfGroup, markGroup } from '../store/campaign-chats.ts';
import { campaignAreaIds, countBuildings, recordCampaignDay, type BuildingCount } from '../store/campaign-coverage.ts';
import { endCampaign, getCampaign, type Campaign } from '../store/campaigns.ts';
import type { Queryable } from '../store/db.ts';
import { localDay } from '../time.ts';
import { campaignJobData, campaignPromptJob, queueCampaignEnd } from './campaign-queue.ts';
import { announcementText, closingText, exampleRoom } from './campaign-texts.ts';
import { dailyAt } from './queue.ts';

/** Job name of the private reminders to finish a campaign's form, at its reminder times. */
export const campaignRemindJob = 'campaign-remind';
/** The most reminder times a campaign has (its settings allow four). */
const reminderSlots = 4;

export const promptSchedulerId = (campaignId: number) => `campaign-prompt-${campaignId}`;
export const remindSchedulerId = (campaignId: number, slot: number) => `campaign-remind-${campaignId}-${slot}`;

/** Sets (or moves) the daily prompt and the reminders of a campaign, in the deployment's time zone. */
async function scheduleCampaign(deps: BotDeps, campaign: Campaign): Promise<void> {
  const data = { campaignId: campaign.id };
  await deps.jobs.schedule('timers', promptSchedulerId(campaign.id), dailyAt(campaign.settings.promptAt), deps.timeZone, campaignPromptJob, data);
  for (let slot = 0; slot < reminderSlots; slot += 1) {
    const at = campaign.settings.reminders[slot];
    if (at) await deps.jobs.schedule('timers', remindSchedulerId(campaign.id, slot), dailyAt(at), deps.timeZone, campaignRemindJob, data);
    else await deps.jobs.unschedule('timers', remindSchedulerId(campaign.id, slot));
  }
}

async function unscheduleCampaign(deps: BotDeps, campaignId: number): Promise<void> {
  await deps.jobs.unschedule('timers', promptSchedulerId(campaignId));
  for (let slot = 0; slot < reminderSlots; slot += 1) await deps.jobs.unschedule('timers', remindSchedulerId(campaignId, slot));
}

/**
 * Locks the campaign's row for the transaction when it is still open: a prompt or an announcement
 * and the end never interleave (the end's UPDATE takes the same lock), so nothing is said after
 * the closing thanks.
 */
export async function lockOpenCampaign(tx: Queryable, campaignId: number): Promise<boolean> {
  const rows = await tx.query('SELECT id FROM campaigns WHERE id = $1 AND ended_at IS NULL AND purged_at IS NULL FOR UPDATE', [campaignId]);
  return rows.length > 0;
}

/**
 * Announces a campaign in every group of its scope that has not heard it, once per group ever
 * (the mark and the outbox row are written in one transaction). Returns the sends to queue.
 */
export async function announceCampaign(
  deps: BotDeps,
  tx: Queryable,
  campaign: Campaign,
  places: { areaIds: readonly number[]; buildings: readonly BuildingCount[] },
): Promise<QueuedSend[]> {
  const { areaIds, buildings } = places;
  const groups = (await campaignGroups(tx, campaign, areaIds)).filter((group) => group.announcedAt === null);
  const queued: QueuedSend[] = [];
  for (const group of groups) {
    if (!(await markGroup(tx, campaign.id, group.chat.id, 'announced_at'))) continue;
    // Where the platform has a link that opens the private chat (Telegram), the group gets it; on
    // WeChat 登记 in the group hands the resident a friend code instead.
    const link = deps.channels.get(group.chat.platform)?.privateInviteLink?.(`campaign${campaign.id}`);
    const text = announcementText(campaign, exampleRoom(await buildingsOfGroup(tx, group.chat, buildings)), link);
    queued.push(...(await writeOutbox(tx, deps.cipher, deps.channels, [{ chatId: group.chat.id, text }], deps.clock(), null)));
  }
  return queued;
}

/**
 * The start of a drive: the daily prompt and the reminders are scheduled, and every group in scope
 * hears of it once. Safe to run again (a restart, changed settings): nothing is said twice.
 */
export async function startCampaignDrive(deps: BotDeps, data: unknown): Promise<number> {
  const { campaignId } = campaignJobData.parse(data);
  const today = localDay(deps.clock(), deps.timeZone);
  const campaign = await getCampaign(deps.db, campaignId);
  if (!campaign || campaign.endedAt !== null || campaign.purgedAt !== null) return 0;
  if (campaign.endsOn !== null && campaign.endsOn < today) {
    await queueCampaignEnd(deps.jobs, campaignId, deps.clock());
    return 0;
  }
  await scheduleCampaign(deps, campaign);
  const queued = await deps.db.transaction(async (tx) => {
    if (!(await lockOpenCampaign(tx, campaign.id))) return [];
    const areaIds = await campaignAreaIds(tx, campaign);
    const buildings = await countBuildings(tx, campaign, { timeZone: deps.timeZone, day: today, areaIds });
    return announceCampaign(deps, tx, campaign, { areaIds, buildings });
  });
  await queueSends(deps, queued);
  return queued.length;
}

/**
 * The end of a drive: the campaign is closed (its retention counts from today), its schedules
 * removed, and each group thanked once with the final count of its buildings. Its personal data
 * is then deleted by the retention job once the retention days have passed.
 */
export async function endCampaignDrive(deps: BotDeps, data: unknown): Promise<number> {
  const { campaignId } = campaignJobData.parse(data);
  const today = localDay(deps.clock(), deps.timeZone);
  const queued = await deps.db.transaction(async (tx) => {
    await endCampaign(tx, campaignId, today);
    const campaign = await getCampaign(tx, campaignId);
    if (!campaign || campaign.purgedAt !== null) return [];
    const areaIds = await campaignAreaIds(tx, campaign);
    const buildings = await countBuildings(tx, campaign, { timeZone: deps.timeZone, day: today, areaIds });
    await recordCampaignDay(tx, campaign.id, today, buildings);
    const sends: QueuedSend[] = [];
    for (const group of await campaignGroups(tx, campaign, areaIds)) {
      // A group that never heard of the campaign is not thanked for it.
      if (group.closedAt !== null || group.announcedAt === null) continue;
      if (!(await markGroup(tx, campaign.id, group.chat.id, 'closed_at'))) continue;
      const text = closingText(campaign, await buildingsOfGroup(tx, group.chat, buildings));
      sends.push(...(await writeOutbox(tx, deps.cipher, deps.channels, [{ chatId: group.chat.id, text }], deps.clock(), null)));
    }
    return sends;
  });
  await unscheduleCampaign(deps, campaignId);
  await queueSends(deps, queued);
  return queued.length;
}
