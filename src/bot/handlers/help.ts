import { t } from '../../dialogs/messages/index.ts';
import type { HandlerContext } from '../handler.ts';

export async function handleHelp(context: HandlerContext): Promise<void> {
  const lines = [
    t(context.lang, 'help.intro'),
    t(context.lang, 'help.commands'),
    t(context.lang, 'help.line.register'),
    t(context.lang, 'help.line.me'),
    t(context.lang, 'help.line.help'),
    t(context.lang, 'help.line.lang'),
  ];
  if (context.message.chat.kind !== 'private') lines.push(t(context.lang, 'help.group'));
  context.reply(lines.join('\n'));
}
