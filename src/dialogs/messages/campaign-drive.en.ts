import type { campaignDriveZhCN } from './campaign-drive.zh-CN.ts';

/** What the bot says about campaigns (drive), in English. */
export const campaignDriveEn: Record<keyof typeof campaignDriveZhCN, string> = {
};
