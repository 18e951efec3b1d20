/** What the bot says about campaigns (drive), in Chinese: in the groups, and to a resident privately. */
export const campaignDriveZhCN = {
  'campaign-drive.dates-open': '{from}起',
  'campaign-drive.dates': '{from}至{to}',
  'campaign-drive.announce':
    '【{name}】社区开始登记（{dates}），不落一户、不漏一人。\n参加方法：在本群发“登记”，或私聊我发“登记”。\n房子空置或全家不在本地的，私聊我说一声即可，例如“{example}空置”。',
  'campaign-drive.announce.link': '也可以点这里直接私聊我登记：{link}',
  'campaign-drive.prompt':
    '【{name}】{place}还有{count}户未登记：{rooms}。\n请这些住户在本群或私聊我发“登记”；房子空置或不在本地的，私聊我说一声。',
  'campaign-drive.rooms-more': '{rooms}等{count}户',
  'campaign-drive.complete': '【{name}】{place}每一户都已登记或说明了情况，不落一户。谢谢大家的配合！',
  'campaign-drive.closed': '【{name}】登记已结束，谢谢大家的配合！',
  'campaign-drive.closed-count': '【{name}】登记已结束。{place}共{known}户：{counted}户已登记，{marked}户空置或不在本地，{left}户未登记。谢谢大家的配合！',
  'campaign-drive.mark-empty': '已记下：{room}空置。谢谢告知！以后有人入住，请发“登记”。',
  'campaign-drive.mark-away': '已记下：{room}的住户暂时不在本地。谢谢告知！回来后请发“登记”。',
  'campaign-drive.mark-which-room': '请问是哪一户？请连房号一起发，例如“3栋1单元102空置”。',
  'campaign-drive.mark-unknown-room': '没有找到房号“{room}”。请按“3栋1单元102空置”这样再发一次。',
  'campaign-drive.remind': '【{name}】您的登记还没有填完，回复任意内容即可接着填。',
} as const;
