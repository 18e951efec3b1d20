import { parseControl } from '../../dialogs/control-words.ts';
import { t } from '../../dialogs/messages/index.ts';
import { areaPath } from '../../store/areas.ts';
import type { HandlerContext } from '../handler.ts';
import type { RouteRule } from '../router.ts';
import { tellStaff } from './staff-notify.ts';

/**
 * Where a request for help outside a form is placed: the group it was asked in, else where the
 * person lives now, else nowhere (the community's committee hears it).
 */
async function placeOfRequest(context: HandlerContext): Promise<number | null> {
  if (context.message.chat.areaId !== null) return context.message.chat.areaId;
  const rows = await context.tx.query<{ room_id: number }>(
    `SELECT room_id FROM occupancies WHERE person_id = $1 AND until IS NULL AND room_id IS NOT NULL ORDER BY id DESC LIMIT 1`,
    [context.message.account.personId],
  );
  return rows[0]?.room_id ?? null;
}

/**
 * 人工 outside a form: the person asks for someone of the committee. The request is kept (the
 * digest lists it until handled) and the staff whose scope covers the place are told privately.
 */
export async function handleStaffRequest(context: HandlerContext): Promise<void> {
  const { message } = context;
  const areaId = await placeOfRequest(context);
  await context.tx.query('INSERT INTO help_requests (person_id, account_id, area_id, topic) VALUES ($1, $2, $3, $4)', [
    message.account.personId,
    message.account.accountId,
    areaId,
    'chat',
  ]);
  const named = await context.tx.query<{ name: string | null }>('SELECT name FROM persons WHERE id = $1', [message.account.personId]);
  const name = named[0]?.name ?? message.account.displayName ?? message.account.platformUserId;
  const place = areaId === null ? '—' : (await areaPath(context.tx, areaId)).join(' / ');
  await tellStaff(context, areaId, t('zh-CN', 'staff.help-request.chat', { name, place }));
  context.reply(t(context.lang, 'staff-request.sent'));
}

/** 人工 (staff, human) said privately, or to the bot in a group, when no form is open. */
export const staffRequestRule: RouteRule = {
  route: 'command',
  matches(context) {
    const { message } = context;
    if (message.chat.kind !== 'private' && !message.mentionsBot) return false;
    return parseControl(message.text.replace(/@\S+/gu, ''))?.kind === 'staff';
  },
  handle: handleStaffRequest,
};
