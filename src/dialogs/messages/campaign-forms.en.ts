import type { campaignFormsZhCN } from './campaign-forms.zh-CN.ts';

/** What the bot says about campaigns (forms), in English. */
export const campaignFormsEn: Record<keyof typeof campaignFormsZhCN, string> = {
};
