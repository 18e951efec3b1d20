import { t } from '../../dialogs/messages/index.ts';
import { staffOf } from '../../store/staff.ts';
import type { HandlerContext } from '../handler.ts';
import { staffHelpLines } from './staff-help.ts';

export async function handleHelp(context: HandlerContext): Promise<void> {
  const lines = [
    t(context.lang, 'help.intro'),
    t(context.lang, 'help.commands'),
    t(context.lang, 'help.line.register'),
    t(context.lang, 'help.line.me'),
    t(context.lang, 'help.line.erase'),
    t(context.lang, 'help.line.help'),
    t(context.lang, 'help.line.lang'),
    t(context.lang, 'help.line.staff-request'),
  ];
  if (context.message.chat.kind !== 'private') lines.push(t(context.lang, 'help.group'));
  // Staff commands name places and people's data: listed to staff, and only in a private chat.
  else if ((await staffOf(context.tx, context.message.account.personId)).length > 0) {
    lines.push(t(context.lang, 'help.staff.title'), ...staffHelpLines.map((key) => t(context.lang, key)));
  }
  context.reply(lines.join('\n'));
}
