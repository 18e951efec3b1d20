import { normalize } from '../../../dialogs/answers/index.ts';
import { noticeMessage } from '../../../jobs/notices.ts';
import { acknowledge, acknowledgedOf, noticesInChat, type NoticeInChat } from '../../../store/notice-acks.ts';
import { telegramMessageIds } from '../../channels/telegram/message-ids.ts';
import { trailingPunctuation } from '../../command.ts';
import type { HandlerContext } from '../../handler.ts';
import type { RouteRule } from '../../router.ts';

/**
 * The words that say "read it" in a group, as in a 接龙: 收到, 已收到, 已读, 知道了, ok, 好的,
 * 👌, 👍, 1, and their English.
 */
const ackWords = new Set([
  '收到', '已收到', '收到了', '收到收到', '已读', '已阅', '知道了', '知道啦', '好的', '好', 'ok', 'okay', 'ok了', '👌', '👍', '1', '+1',
  'received', 'got it', 'noted', 'read', 'seen', 'roger', 'will do',
]);
/** Skin tones and the emoji variation selector: 👍🏻 is 👍. */
const emojiModifiers = /\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF}|\uFE0F/gu;

export function isAckWord(text: string): boolean {
  const bare = normalize(text).replace(emojiModifiers, '').replace(trailingPunctuation, '').replace(/[~～!！。.]+$/u, '').toLowerCase();
  return ackWords.has(bare);
}

/** How long after a notice a bare 收到 is still taken for it; later it is ordinary chat. */
const ackWordWindowMs = 7 * 24 * 3_600_000;

/** Whether a platform message id names this notice's message (Telegram stores every part of it). */
function isMessageOf(notice: NoticeInChat, replyTo: string): boolean {
  if (notice.platformMessageId === null) return false;
  if (notice.platformMessageId === replyTo) return true;
  const sent = telegramMessageIds(notice.platformMessageId);
  const asked = telegramMessageIds(replyTo);
  return sent !== undefined && asked !== undefined && sent.chatId === asked.chatId && asked.messageIds.some((id) => sent.messageIds.includes(id));
}

/** A quote is the start of the message, often cut short with an ellipsis. */
function isQuoteOf(notice: NoticeInChat, quoted: string): boolean {
  const bare = normalize(quoted).replace(/(?:\.{3}|…)+$/u, '').trim();
  if (bare.length < 2) return false;
  const sent = normalize(noticeMessage({ id: notice.noticeId, body: notice.body }));
  return sent.includes(bare) || normalize(notice.body).includes(bare);
}

type Target = { noticeId: number; via: 'word' | 'reply' | 'reaction' };

async function targetOf(context: HandlerContext): Promise<Target | undefined> {
  const { message } = context;
  if (message.chat.kind === 'private') return undefined;
  const isWord = isAckWord(message.text);
  if (message.replyTo === null && message.quoted === null && !isWord) return undefined;
  const notices = await noticesInChat(context.tx, context.cipher, message.chat.id);
  if (message.replyTo !== null) {
    const replyTo = message.replyTo;
    const notice = notices.find((candidate) => isMessageOf(candidate, replyTo));
    // A reaction reaches Linli as its emoji replying to the message it is on.
    return notice ? { noticeId: notice.noticeId, via: isWord && /^\p{Extended_Pictographic}/u.test(message.text) ? 'reaction' : 'reply' } : undefined;
  }
  if (message.quoted !== null) {
    const quoted = message.quoted;
    const notice = notices.find((candidate) => isQuoteOf(candidate, quoted));
    return notice ? { noticeId: notice.noticeId, via: 'reply' } : undefined;
  }
  const recent = notices.filter((notice) => context.now.getTime() - notice.sentAt.getTime() <= ackWordWindowMs);
  const done = await acknowledgedOf(context.tx, message.account.personId, recent.map((notice) => notice.noticeId));
  const open = recent.find((notice) => !done.has(notice.noticeId));
  return open ? { noticeId: open.noticeId, via: 'word' } : undefined;
}

const targets = new WeakMap<HandlerContext, Target>();

/**
 * 收到 and its kin after a notice, a reply to or quote of it, a 👍 on it: the person has read it.
 * Never answered in the group. Where there is no notice to acknowledge, the words are ordinary
 * chat and go on to the other rules.
 */
export const noticeAckRule: RouteRule = {
  route: 'ack',
  async matches(context) {
    const target = await targetOf(context);
    if (!target) return false;
    targets.set(context, target);
    return true;
  },
  async handle(context) {
    const target = targets.get(context);
    if (!target) return;
    const { message } = context;
    await acknowledge(context.tx, {
      noticeId: target.noticeId,
      personId: message.account.personId,
      accountId: message.account.accountId,
      chatId: message.chat.id,
      via: target.via,
      at: message.sentAt,
    });
  },
};
