/** What the bot says about campaigns (forms), in Chinese. */
export const campaignFormsZhCN = {
  'campaign-forms.together': '这次一起填：{titles}。相同的问题只问一次。',
  'campaign-forms.prefilled': '您在其他登记中填过的{labels}不再重复问，最后核对时可以修改。',
  'campaign-forms.me.title': '您在「{campaign}」中填写的信息（{date}）：',
} as const;
