/** What the bot says about campaigns (commands), in Chinese. */
export const campaignCommandsZhCN = {
} as const;
