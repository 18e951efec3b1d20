/** What the bot says about campaigns (drives), in Chinese: in the groups, to residents and to staff. */
export const campaignZhCN = {
  'campaign.none': '现在没有正在进行的登记活动。',
} as const;
