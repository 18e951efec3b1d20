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
import { communityOf, engineContextFor, registrationFormId } from './engine-context.ts';
import { campaignNamed, campaignReaches, campaignsToAsk, earlierAnswers, knownRoom } from './campaign-choice.ts';
import { prefilledAnswers } from '../../../dialogs/prefill.ts';
import type { Campaign } from '../../../store/campaigns.ts';

const registerWords = /^(?:登记|我要登记|住户登记|开始登记|重新登记|更新信息|更新登记|修改信息|register|\/register(?:@\S+)?|\/dengji)$/i;

export function isRegisterRequest(text: string): boolean {
  return registerWords.test(normalize(text).replace(/[\s。.!！~]+$/u, ''));
}

/** Whether the person answered one of these forms before: then this is a new record beside the old. */
async function hasAnswered(context: HandlerContext, formIds: readonly string[]): Promise<boolean> {
  const rows = await context.tx.query('SELECT 1 FROM reports WHERE person_id = $1 AND form_id = ANY($2::text[]) LIMIT 1', [
    context.message.account.personId,
    [...formIds],
  ]);
  return rows.length > 0;
}

/**
 * What 登记 opens: the forms of the campaigns that run at the resident's place (the group they
 * wrote in, else the room they are known to live in), or the one they named; the plain
 * registration where none runs. Questions they answered in another running campaign are filled.
 */
async function newSession(context: HandlerContext, privateChatId: number | null, areaId: number | null, named: Campaign | undefined) {
  const { tx, cipher, today } = context;
  const personId = context.message.account.personId;
  const place = areaId ?? (await knownRoom(tx, personId));
  const community = await communityOf(tx, place);
  const campaigns = named
    ? [named]
    : community
      ? await campaignsToAsk(tx, { communityId: community.id, areaId: place ?? community.id, personId, today })
      : [];
  const campaignIds = campaigns.map((campaign) => campaign.id);
  const sessionArea = campaigns.length > 0 ? place : areaId;
  const engine = await engineContextFor(tx, { formId: registrationFormId, areaId: sessionArea, lang: context.lang, today, campaignIds });
  const earlier = community && campaigns.length > 0 ? await earlierAnswers(tx, cipher, { communityId: community.id, personId, today, except: campaignIds }) : [];
  const answers = prefilledAnswers(engine.form, earlier);
  const started = startDialog(engine, { answers, campaignIds });
  const created = await createSession(tx, cipher, {
    accountId: context.message.account.accountId,
    chatId: privateChatId,
    areaId: sessionArea,
    state: started.state,
    lifetimeMs: context.settings.dialogExpiryMs,
  });
  scheduleTimers(context, created.id, created.step);
  const intro: string[] = [];
  const formIds = engine.campaigns.length > 0 ? engine.campaigns.map((part) => part.form.id) : [engine.form.id];
  if (await hasAnswered(context, formIds)) intro.push(t(context.lang, 'register.again'));
  if (engine.campaigns.length > 1) intro.push(t(context.lang, 'campaign-forms.together', { titles: engine.form.title[engine.lang] }));
  const filled = engine.form.questions.filter((q) => q.id in answers).map((q) => q.label[engine.lang]);
  if (filled.length > 0) intro.push(t(context.lang, 'campaign-forms.prefilled', { labels: filled.join(engine.lang === 'en' ? ', ' : '、') }));
  return { resumed: false as const, replies: [...intro, ...started.replies] };
}

/** Opens a form for the sender in `chatId` (their private chat), or returns the one already open. */
async function openSession(context: HandlerContext, privateChatId: number | null, areaId: number | null, named?: Campaign) {
  const existing = await activeSession(context.tx, context.cipher, context.message.account.accountId);
  if (existing) {
    if (privateChatId !== null && existing.chatId !== privateChatId) await moveSession(context.tx, existing.id, privateChatId);
    return { resumed: true as const, session: existing, replies: [t(context.lang, 'register.resume'), await resumePrompt(context, existing)] };
  }
  return newSession(context, privateChatId, areaId, named);
}

async function registerInPrivate(context: HandlerContext, named?: Campaign): Promise<void> {
  const opened = await openSession(context, context.message.chat.id, context.message.chat.areaId, named);
  for (const reply of opened.replies) context.reply(reply);
}

/**
 * In a group the bot never asks for personal data: it opens the form in the resident's private
 * chat where the platform lets it, and otherwise invites them to write to it privately.
 */
async function handOverFromGroup(context: HandlerContext, named?: Campaign): Promise<void> {
  const { message } = context;
  const name = message.account.displayName ?? message.account.platformUserId;
  const privateChat = await privateChatWith(context.tx, context.privateChatId, {
    accountId: message.account.accountId,
    platform: message.platform,
    platformUserId: message.account.platformUserId,
  });
  const opened = await openSession(context, privateChat ?? null, message.chat.areaId, named);
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

const named = new WeakMap<HandlerContext, Campaign>();

/**
 * A running campaign's name said on its own (高温探访): in a group of its scope, or privately when
 * no form is open (then the name would be an answer).
 */
async function campaignCalled(context: HandlerContext): Promise<Campaign | undefined> {
  const { text, chat, account } = context.message;
  if (text.length > 40 || text.includes('\n')) return undefined;
  const community = await communityOf(context.tx, chat.areaId);
  const campaign = community ? await campaignNamed(context.tx, community.id, text, context.today) : undefined;
  if (!campaign) return undefined;
  if (chat.kind === 'private') return (await activeSession(context.tx, context.cipher, account.accountId)) ? undefined : campaign;
  return chat.areaId !== null && (await campaignReaches(context.tx, campaign, chat.areaId)) ? campaign : undefined;
}

export const registerRule: RouteRule = {
  route: 'dialog',
  async matches(context) {
    const { text, chat, mentionsBot } = context.message;
    if (chat.kind === 'private' && startWithCode.test(text.trim())) return true;
    if (!isRegisterRequest(text)) {
      const campaign = await campaignCalled(context);
      if (campaign) named.set(context, campaign);
      return campaign !== undefined;
    }
    return chat.kind === 'private' || mentionsBot || text.trim().startsWith('/') || normalize(text) === '登记';
  },
  async handle(context) {
    const code = startWithCode.exec(context.message.text.trim())?.[1];
    const campaign = named.get(context);
    if (context.message.chat.kind === 'private' && code) await arriveWithCode(context, code);
    else if (context.message.chat.kind === 'private') await registerInPrivate(context, campaign);
    else await handOverFromGroup(context, campaign);
  },
};
