import type { campaignZhCN } from './campaign.zh-CN.ts';

/** What the bot says about campaigns (drives), in English. */
export const campaignEn: Record<keyof typeof campaignZhCN, string> = {
  'campaign.none': 'No campaign is running now.',
};
