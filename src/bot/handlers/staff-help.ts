import type { MessageKey } from '../../dialogs/messages/index.ts';

/**
 * What staff can ask the bot for, as 帮助 lists it to them after the residents' lines. The one list
 * of the staff's chat commands: a command for staff adds its line (a message key) here.
 */
export const staffHelpLines: MessageKey[] = ['help.staff.digest', 'help.staff.shops', 'help.staff.bindcode', 'help.staff.notice', 'help.staff.campaign', 'help.staff.find', 'help.staff.import'];
