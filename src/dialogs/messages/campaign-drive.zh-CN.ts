/** What the bot says about campaigns (drive), in Chinese. */
export const campaignDriveZhCN = {
} as const;
