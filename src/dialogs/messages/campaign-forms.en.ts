import type { campaignFormsZhCN } from './campaign-forms.zh-CN.ts';

/** What the bot says about campaigns (forms), in English. */
export const campaignFormsEn: Record<keyof typeof campaignFormsZhCN, string> = {
  'campaign-forms.together': 'This time you answer: {titles}. A question they share is asked once.',
  'campaign-forms.prefilled': 'What you already gave in another registration ({labels}) is not asked again; you can change it at the end.',
  'campaign-forms.me.title': 'What you gave for {campaign} ({date}):',
};
