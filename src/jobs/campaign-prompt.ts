import type { BotDeps } from '../bot/deps.ts';
import { writeOutbox, type QueuedSend } from '../bot/outbox.ts';
import { queueSends } from '../bot/pipeline.ts';
import { buildingsOfGroup, campaignGroups, markGroup } from '../store/campaign-chats.ts';
import { campaignAreaIds, countBuildings, recordCampaignDay } from '../store/campaign-coverage.ts';
import { campaignsPastTheirEnd, getCampaign, runsOn, type Campaign } from '../store/campaigns.ts';
import type { Queryable } from '../store/db.ts';
import { localDay } from '../time.ts';
import { announceCampaign, lockOpenCampaign } from './campaign-drive.ts';
import { campaignJobData, queueCampaignEnd } from './campaign-queue.ts';
import { completeText, promptText } from './campaign-texts.ts';

/**
 * One day's prompts of a campaign, in one transaction: the day's count is kept for the trend; a
 * group bound since the start hears the announcement; each group not paused and not done hears
 * which rooms of its buildings are still open, at most once a day (campaign_prompts), or, when
 * none is, one thank-you and no more prompts. A group without rooms (a market) is not prompted.
 */
async function promptGroups(deps: BotDeps, tx: Queryable, campaign: Campaign, day: string): Promise<QueuedSend[]> {
  if (!(await lockOpenCampaign(tx, campaign.id))) return [];
  const areaIds = await campaignAreaIds(tx, campaign);
  const buildings = await countBuildings(tx, campaign, { timeZone: deps.timeZone, day, areaIds });
  await recordCampaignDay(tx, campaign.id, day, buildings);
  const queued = await announceCampaign(deps, tx, campaign, { areaIds, buildings });
  for (const group of await campaignGroups(tx, campaign, areaIds)) {
    if (group.pausedAt !== null || group.completedAt !== null || group.closedAt !== null) continue;
    const own = (await buildingsOfGroup(tx, group.chat, buildings)).filter((b) => b.roomsKnown > 0);
    if (own.length === 0) continue;
    const open = own.filter((b) => b.uncounted.length > 0);
    const left = open.reduce((sum, b) => sum + b.uncounted.length, 0);
    if (left === 0) {
      if (!(await markGroup(tx, campaign.id, group.chat.id, 'completed_at'))) continue;
      queued.push(...(await writeOutbox(tx, deps.cipher, deps.channels, [{ chatId: group.chat.id, text: completeText(campaign, own) }], deps.clock(), null)));
      continue;
    }
    const claimed = await tx.query(
      `INSERT INTO campaign_prompts (campaign_id, chat_id, day, rooms_left) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING chat_id`,
      [campaign.id, group.chat.id, day, left],
    );
    if (claimed.length === 0) continue;
    const [send] = await writeOutbox(tx, deps.cipher, deps.channels, [{ chatId: group.chat.id, text: promptText(campaign, open) }], deps.clock(), null);
    if (!send) continue;
    await tx.query('UPDATE campaign_prompts SET outbox_id = $4 WHERE campaign_id = $1 AND chat_id = $2 AND day = $3', [
      campaign.id,
      group.chat.id,
      day,
      send.outboxId,
    ]);
    queued.push(send);
  }
  return queued;
}

/**
 * The daily job of a campaign (its scheduler): campaigns whose end date has passed are closed
 * instead (their end job is queued, once), and a running campaign prompts its groups.
 */
export async function promptCampaign(deps: BotDeps, data: unknown): Promise<number> {
  const { campaignId } = campaignJobData.parse(data);
  const day = localDay(deps.clock(), deps.timeZone);
  for (const past of await campaignsPastTheirEnd(deps.db, day)) await queueCampaignEnd(deps.jobs, past.id, deps.clock());
  const campaign = await getCampaign(deps.db, campaignId);
  if (!campaign || !runsOn(campaign, day)) return 0;
  const queued = await deps.db.transaction((tx) => promptGroups(deps, tx, campaign, day));
  await queueSends(deps, queued);
  return queued.length;
}
