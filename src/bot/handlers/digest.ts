import { normalize } from '../../dialogs/answers/index.ts';
import { t } from '../../dialogs/messages/index.ts';
import { staffOf } from '../../store/staff.ts';
import { followUpLater } from '../followups.ts';
import type { HandlerContext } from '../handler.ts';
import type { RouteRule } from '../router.ts';
import { trailingPunctuation } from '../command.ts';

const digestWords = /^(?:日报|今日日报|今天日报|每日简报|简报|\/digest(?:@\S+)?|digest|daily digest)$/i;

export const isDigestRequest = (text: string): boolean => digestWords.test(normalize(text).replace(trailingPunctuation, ''));

/** The follow-up that reads, draws and sends a digest asked for in chat. */
export const digestFollowup = 'digest';

/**
 * 日报 or /digest from a staff member in a private chat: today's digest so far, over their scope,
 * with its workbook (and chart). Drawing them takes a moment, so a follow-up does it.
 */
export async function handleDigest(context: HandlerContext): Promise<void> {
  if (context.message.chat.kind !== 'private') {
    context.reply(t(context.lang, 'digest.privateOnly'));
    return;
  }
  await followUpLater(context, digestFollowup, {});
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
