import { t } from '../../dialogs/messages/index.ts';
import { normalize } from '../../dialogs/answers/index.ts';
import { recordRefusal } from '../../store/audit.ts';
import { staffOf } from '../../store/staff.ts';
import type { RouteRule } from '../router.ts';
import { isDigestRequest } from './digest.ts';
import { findCommand } from './find.ts';
import { isViewRequest } from './market/shops-view.ts';
import { isImportWords } from './registry-import.ts';

/** The staff commands a resident might try, by the name the audit log gives them. */
const staffCommands: readonly { name: string; asks(text: string): boolean }[] = [
  { name: 'digest', asks: isDigestRequest },
  { name: 'find', asks: (text) => findCommand.test(normalize(text)) },
  { name: 'shops', asks: isViewRequest },
  { name: 'import', asks: isImportWords },
];

const refused = new WeakMap<object, string>();

/**
 * A staff command from someone who is not staff: the staff rules before this one passed it by.
 * They are told politely that it is for staff, and the refusal is kept in the audit log. In a
 * group only a slash command or a message to the bot counts: 日报 in conversation is no command.
 */
export const staffOnlyRule: RouteRule = {
  route: 'command',
  async matches(context) {
    const { message } = context;
    if (message.files.length > 0) return false;
    const command = staffCommands.find((candidate) => candidate.asks(message.text));
    if (!command) return false;
    if (message.chat.kind !== 'private' && !message.text.trim().startsWith('/') && !message.mentionsBot) return false;
    if ((await staffOf(context.tx, message.account.personId)).length > 0) return false;
    refused.set(context, command.name);
    return true;
  },
  async handle(context) {
    const command = refused.get(context) ?? 'staff';
    await recordRefusal(context.tx, { personId: context.message.account.personId, command, reason: 'not-staff', chatKind: context.message.chat.kind });
    context.reply(t(context.lang, 'staff.only'));
  },
};
