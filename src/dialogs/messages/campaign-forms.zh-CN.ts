/** What the bot says about campaigns (forms), in Chinese. */
export const campaignFormsZhCN = {
} as const;
