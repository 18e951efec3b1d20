import { startDialog } from '../../../dialogs/engine.ts';
import { normalize } from '../../../dialogs/answers/index.ts';
import { t } from '../../../dialogs/messages/index.ts';
import { activeSession, createSession, moveSession } from '../../../store/dialog-sessions.ts';
import { createHandoffCode, findOpenHandoffCode, redeemHandoffCode } from '../../../store/handoff-codes.ts';
import { wechatFriendHello } from '../../channels/wechat/friend-hello.ts';
import { wechatPlatform } from '../../channels/wechat/platform.ts';
import type { HandlerContext } from '../../handler.ts';
import type { RouteRule } from '../../router.ts';
import { privateChatWith } from '../../private-chat.ts';
import { resumePrompt, scheduleTimers } from './dialog.ts';
import { engineContextFor, registrationFormId } from './engine-context.ts';

const registerWords = /^(?:登记|我要登记|住户登记|开始登记|重新登记|更新信息|更新登记|修改信息|register|\/register(?:@\S+)?|\/dengji)$/i;

export function isRegisterRequest(text: string): boolean {
  return registerWords.test(normalize(text).replace(/[\s。.!！~]+$/u, ''));
}

async function hasRegistered(context: HandlerContext): Promise<boolean> {
  const rows = await context.tx.query('SELECT 1 FROM reports WHERE person_id = $1 AND form_id = $2 LIMIT 1', [
    context.message.account.personId,
    registrationFormId,
  ]);
  return rows.length > 0;
}

/** Opens a form for the sender in `chatId` (their private chat), or returns the one already open. */
async function openSession(context: HandlerContext, privateChatId: number | null, areaId: number | null) {
  const existing = await activeSession(context.tx, context.cipher, context.message.account.accountId);
  if (existing) {
    if (privateChatId !== null && existing.chatId !== privateChatId) await moveSession(context.tx, existing.id, privateChatId);
    return { resumed: true as const, session: existing, replies: [t(context.lang, 'register.resume'), await resumePrompt(context, existing)] };
  }
  const engine = await engineContextFor(context.tx, { formId: registrationFormId, areaId, lang: context.lang, today: context.today });
  const started = startDialog(engine);
  const created = await createSession(context.tx, context.cipher, {
    accountId: context.message.account.accountId,
    chatId: privateChatId,
    areaId,
    state: started.state,
    lifetimeMs: context.settings.dialogExpiryMs,
  });
  scheduleTimers(context, created.id, created.step);
  const intro = (await hasRegistered(context)) ? [t(context.lang, 'register.again')] : [];
  return { resumed: false as const, replies: [...intro, ...started.replies] };
}

async function registerInPrivate(context: HandlerContext): Promise<void> {
  const opened = await openSession(context, context.message.chat.id, context.message.chat.areaId);
  for (const reply of opened.replies) context.reply(reply);
}

/**
 * In a group the bot never asks for personal data: it opens the form in the resident's private
 * chat where the platform lets it, and otherwise invites them to write to it privately.
 */
async function handOverFromGroup(context: HandlerContext): Promise<void> {
  const { message } = context;
  const name = message.account.displayName ?? message.account.platformUserId;
  const privateChat = await privateChatWith(context.tx, context.privateChatId, {
    accountId: message.account.accountId,
    platform: message.platform,
    platformUserId: message.account.platformUserId,
  });
  const opened = await openSession(context, privateChat ?? null, message.chat.areaId);
  if (privateChat !== undefined) {
    for (const text of opened.replies) context.say({ chatId: privateChat, toAccountId: message.account.accountId, text });
    context.reply(t(context.lang, 'register.handoff.sent', { name }));
    return;
  }
  // The platform lets no bot write first: a one-time code carries the resident over, in a link
  // that opens the private chat (Telegram) or in the greeting of a friend request (WeChat).
  const code = await createHandoffCode(context.tx, message.account.accountId);
  const link = context.privateInviteLink(message.platform, code);
  if (message.platform === wechatPlatform) {
    context.reply(t(context.lang, 'wechat.handoff.invite', { name, hello: wechatFriendHello(code) }));
  } else if (link) {
    context.reply(t(context.lang, 'register.handoff.link', { name, link }));
  } else {
    context.reply(t(context.lang, 'register.handoff.invite', { name }));
  }
}

/** `/start CODE`: the private chat opened from a group's invitation link. */
const startWithCode = /^\/start(?:@\S+)?\s+(\S+)$/i;

async function arriveWithCode(context: HandlerContext, typed: string): Promise<void> {
  const owner = await findOpenHandoffCode(context.tx, typed);
  // A neighbour's link opened by someone else starts that person's own form, and leaves the code.
  if (owner?.accountId === context.message.account.accountId) await redeemHandoffCode(context.tx, typed);
  await registerInPrivate(context);
}

export const registerRule: RouteRule = {
  route: 'dialog',
  matches(context) {
    const { text, chat, mentionsBot } = context.message;
    if (chat.kind === 'private' && startWithCode.test(text.trim())) return true;
    if (!isRegisterRequest(text)) return false;
    return chat.kind === 'private' || mentionsBot || text.trim().startsWith('/') || normalize(text) === '登记';
  },
  async handle(context) {
    const code = startWithCode.exec(context.message.text.trim())?.[1];
    if (context.message.chat.kind === 'private' && code) await arriveWithCode(context, code);
    else if (context.message.chat.kind === 'private') await registerInPrivate(context);
    else await handOverFromGroup(context);
  },
};
