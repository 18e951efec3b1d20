import type { MessageKey } from './zh-CN.ts';

export const en: Record<MessageKey, string> = {
  'help.intro': 'Hello, I am Linli, the community committee\'s assistant for registration and notices.',
  'help.commands': 'You can send:',
  'help.line.help': '· help: show this message',
  'help.line.lang': '· /lang zh: 切换到中文',
  'help.group': 'In a group I answer only commands and messages that mention me; for anything personal I will ask you to chat privately.',
  'lang.switched': 'OK, I will speak English with you from now on.',
  'error.sorry': 'Sorry, something went wrong with your message; please send it again in a moment. Nothing you saved is lost.',
  'command.unknown': 'I did not understand "{command}". Send "help" to see what I can do.',
};
