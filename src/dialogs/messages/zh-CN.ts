/** Every text the bot says, in Chinese. Placeholders are written {name}. */
export const zhCN = {
  'help.intro': '您好，我是邻里小助手，社区居委会的登记和通知助手。',
  'help.commands': '您可以发送：',
  'help.line.help': '· 帮助 —— 查看这条说明',
  'help.line.lang': '· /lang en —— Switch to English',
  'help.group': '在群里我只回应@我的消息和命令；涉及个人信息的事，我会请您私聊。',
  'lang.switched': '好的，以后我用中文和您说话。',
  'error.sorry': '抱歉，处理您的消息时出了点问题，请稍后再发一次。已经保存的内容不会丢失。',
  'command.unknown': '我没有看懂「{command}」。发送「帮助」可以看到我能做什么。',
} as const;

export type MessageKey = keyof typeof zhCN;
