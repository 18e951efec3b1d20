import { isAbnormal, readCheckinAnswer } from '../../dialogs/checkin-answer.ts';
import { t } from '../../dialogs/messages/index.ts';
import { maybeOne } from '../../store/db.ts';
import type { HandlerContext } from '../handler.ts';
import type { RouteRule } from '../router.ts';
import { tellStaff } from './staff-notify.ts';

interface OpenCheckin extends Record<string, unknown> {
  id: number;
  ends_on: string;
  area_id: number | null;
}

const open = new WeakMap<HandlerContext, OpenCheckin>();

async function openCheckin(context: HandlerContext): Promise<OpenCheckin | undefined> {
  return maybeOne<OpenCheckin>(
    context.tx,
    `SELECT c.id, o.ends_on::text AS ends_on,
            (SELECT r.parent_id FROM occupancies oc JOIN areas r ON r.id = oc.room_id
             WHERE oc.person_id = c.person_id AND oc.until IS NULL LIMIT 1) AS area_id
     FROM checkins c JOIN observations o ON o.id = c.observation_id
     WHERE c.person_id = $1 AND c.day = $2 AND c.answered_at IS NULL FOR UPDATE OF c`,
    [context.message.account.personId, context.today],
  );
}

/** The answer to today's check-in: a private message while today's check-in is open. */
export const checkinRule: RouteRule = {
  route: 'dialog',
  async matches(context) {
    if (context.message.chat.kind !== 'private' || context.message.text.trim().startsWith('/')) return false;
    const checkin = await openCheckin(context);
    if (!checkin) return false;
    open.set(context, checkin);
    return true;
  },
  async handle(context) {
    const checkin = open.get(context);
    if (!checkin) return;
    const answer = readCheckinAnswer(context.message.text);
    if (!answer) {
      context.reply(t(context.lang, 'checkin.unreadable'));
      return;
    }
    await context.tx.query('UPDATE checkins SET answered_at = now(), answer_enc = $2 WHERE id = $1', [
      checkin.id,
      context.cipher.encrypt(JSON.stringify(answer)),
    ]);
    if (isAbnormal(answer)) {
      const name = context.message.account.displayName ?? context.message.account.platformUserId;
      await tellStaff(
        context,
        checkin.area_id,
        t('zh-CN', 'checkin.staff-alert', {
          name,
          temperature: answer.temperature.toFixed(1),
          symptoms: answer.symptoms ?? t('zh-CN', 'checkin.no-symptoms'),
        }),
      );
      context.reply(t(context.lang, 'checkin.abnormal'));
    } else {
      context.reply(t(context.lang, 'checkin.recorded'));
    }
    if (checkin.ends_on === context.today) context.reply(t(context.lang, 'checkin.finished'));
  },
};
