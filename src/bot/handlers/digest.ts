import { normalize } from '../../dialogs/answers/index.ts';
import { t } from '../../dialogs/messages/index.ts';
import { peopleNamed } from '../../reports/digest.ts';
import { digestText } from '../../reports/digest-text.ts';
import { staffDigest } from '../../reports/staff-digest.ts';
import { auditDigestRead } from '../../store/digest-audit.ts';
import { staffOf } from '../../store/staff.ts';
import type { HandlerContext } from '../handler.ts';
import type { RouteRule } from '../router.ts';

const digestWords = /^(?:日报|今日日报|今天日报|每日简报|简报|\/digest(?:@\S+)?|digest|daily digest)$/i;
const trailingPunctuation = /[\s!！?？。.~～]+$/u;

export const isDigestRequest = (text: string): boolean => digestWords.test(normalize(text).replace(trailingPunctuation, ''));

/** 日报 or /digest from a staff member in a private chat: today's digest so far, over their scope. */
export async function handleDigest(context: HandlerContext): Promise<void> {
  const { tx, cipher, message } = context;
  if (message.chat.kind !== 'private') {
    context.reply(t(context.lang, 'digest.privateOnly'));
    return;
  }
  const digest = await staffDigest(tx, cipher, {
    personId: message.account.personId,
    day: context.today,
    timeZone: context.timeZone,
    now: context.now,
  });
  if (!digest) return;
  await auditDigestRead(tx, { staffPersonId: message.account.personId, via: 'chat', day: digest.day, people: peopleNamed(digest) });
  context.reply(digestText(digest, context.lang, context.timeZone));
}

/**
 * Only staff have a digest: from anyone else 日报 is an ordinary message and gets the ordinary
 * answer. In a group it is taken only as a command (slash or mention), and answered privately.
 */
export const digestRule: RouteRule = {
  route: 'command',
  async matches(context) {
    const { message } = context;
    if (!isDigestRequest(message.text)) return false;
    if (message.chat.kind !== 'private' && !message.text.trim().startsWith('/') && !message.mentionsBot) return false;
    return (await staffOf(context.tx, message.account.personId)).length > 0;
  },
  handle: handleDigest,
};
