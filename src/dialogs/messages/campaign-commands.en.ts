import type { campaignCommandsZhCN } from './campaign-commands.zh-CN.ts';

/** What the bot says about campaigns (commands), in English. */
export const campaignCommandsEn: Record<keyof typeof campaignCommandsZhCN, string> = {
};
