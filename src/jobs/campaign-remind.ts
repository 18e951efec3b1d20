import type { BotDeps } from '../bot/deps.ts';
import { channelPrivateChatIds, privateChatWith } from '../bot/private-chat.ts';
import { sayInTransaction } from '../bot/pipeline.ts';
import type { Reply } from '../bot/message.ts';
import { t } from '../dialogs/messages/index.ts';
import { campaignAreaIds } from '../store/campaign-coverage.ts';
import { getCampaign, runsOn } from '../store/campaigns.ts';
import { localDay, localInstant } from '../time.ts';
import { campaignJobData } from './campaign-queue.ts';

interface OpenForm extends Record<string, unknown> {
  account_id: number;
  platform: string;
  platform_user_id: string;
  lang: string;
  chat_id: number | null;
  chat_kind: string | null;
}

/**
 * At a campaign's reminder time: each resident who began its form since it started and left it
 * unfinished is reminded privately, at most once a day (campaign_reminders). One whom the bot
 * cannot write to first (they never opened a private chat) is left alone.
 */
export async function remindCampaignForms(deps: BotDeps, data: unknown): Promise<number> {
  const { campaignId } = campaignJobData.parse(data);
  const day = localDay(deps.clock(), deps.timeZone);
  const campaign = await getCampaign(deps.db, campaignId);
  if (!campaign || !runsOn(campaign, day)) return 0;
  const privateChatIdOf = channelPrivateChatIds(deps);
  return sayInTransaction(deps, async (tx) => {
    const areaIds = await campaignAreaIds(tx, campaign);
    const rows = await tx.query<OpenForm>(
      `SELECT s.account_id, a.platform, a.platform_user_id, p.lang, s.chat_id, c.kind AS chat_kind
       FROM dialog_sessions s JOIN accounts a ON a.id = s.account_id JOIN persons p ON p.id = a.person_id LEFT JOIN chats c ON c.id = s.chat_id
       WHERE s.form_id = $1 AND s.status = 'active' AND s.expires_at > now() AND s.created_at >= $2
         AND (s.area_id IS NULL OR s.area_id = ANY($3::bigint[]))
       ORDER BY s.id`,
      [campaign.formId, localInstant(campaign.startsOn, 0, 0, deps.timeZone), areaIds],
    );
    const replies: Reply[] = [];
    for (const row of rows) {
      const chatId =
        row.chat_kind === 'private' && row.chat_id !== null
          ? row.chat_id
          : await privateChatWith(tx, privateChatIdOf, { accountId: row.account_id, platform: row.platform, platformUserId: row.platform_user_id });
      if (chatId === undefined) continue;
      const claimed = await tx.query(
        'INSERT INTO campaign_reminders (campaign_id, account_id, day) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING account_id',
        [campaign.id, row.account_id, day],
      );
      if (claimed.length === 0) continue;
      replies.push({ chatId, toAccountId: row.account_id, text: t(row.lang, 'campaign-drive.remind', { name: campaign.name }) });
    }
    return replies;
  });
}
