import { t } from '../../../dialogs/messages/index.ts';
import { openDraftOf } from '../../../store/roster-drafts.ts';
import type { RouteRule } from '../../router.ts';

/**
 * Free text in private while a pasted list (a landlord's tenants, a shop's staff) waits for 确认:
 * the reminder of what waits and what to reply, not the general help, which would leave the list
 * forgotten. Tried after every other rule, so commands (帮助, 日报) and forms answer as usual.
 */
export const pendingListRule: RouteRule = {
  route: 'roster',
  async matches(context) {
    if (context.message.chat.kind !== 'private' || context.message.text.trim() === '') return false;
    return (await openDraftOf(context.tx, context.cipher, context.message.account.accountId)) !== undefined;
  },
  async handle(context) {
    const draft = await openDraftOf(context.tx, context.cipher, context.message.account.accountId);
    if (draft) context.reply(t(context.lang, 'roster.pending', { count: draft.rows.length }));
  },
};
