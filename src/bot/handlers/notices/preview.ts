import { t } from '../../../dialogs/messages/index.ts';
import type { JsonValue } from '../../../dialogs/answer-kinds.ts';
import { telegramPacing } from '../../channels/telegram/limits.ts';
import { defaultWechatSendSettings } from '../../channels/wechat/limits.ts';
import { wechatPlatform } from '../../channels/wechat/platform.ts';
import { telegramPlatform } from '../../channels/telegram/inbound.ts';
import type { Queryable } from '../../../store/db.ts';
import { householdsBelow } from '../../../store/notice-households.ts';
import type { ScopedChat } from '../../../store/notice-scope.ts';
import { areaPath } from '../../../store/areas.ts';

/** Chats listed one a line in the preview; more are counted. */
const listedChats = 30;

/**
 * How long a notice takes to reach every chat at the platforms' pace: WeChat about one message
 * every 2-4 s for the one account; Telegram 30 a second overall. The slower platform decides.
 */
export function estimatedSendMs(chats: readonly Pick<ScopedChat, 'platform'>[]): number {
  const wechatGapMs = defaultWechatSendSettings.sendGapMs + defaultWechatSendSettings.sendJitterMs / 2;
  const wechat = chats.filter((chat) => chat.platform === wechatPlatform).length * wechatGapMs;
  const telegram = chats.filter((chat) => chat.platform === telegramPlatform).length * telegramPacing.platformGapMs;
  return Math.max(wechat, telegram);
}

export function etaText(lang: string, chats: readonly Pick<ScopedChat, 'platform'>[]): string {
  const minutes = Math.ceil(estimatedSendMs(chats) / 60_000);
  return minutes <= 1 ? t(lang, 'notice.eta.soon') : t(lang, 'notice.eta.minutes', { minutes });
}

/** A chat as staff know it: its title and the place it serves. */
export async function chatLabel(q: Queryable, chat: ScopedChat): Promise<string> {
  const place = (await areaPath(q, chat.areaId)).slice(1).join('/');
  return `${chat.title ?? chat.platformChatId}${place ? `（${place}）` : ''}`;
}

export interface PreviewInput {
  lang: string;
  answers: Record<string, JsonValue>;
  chats: readonly ScopedChat[];
  sendAtLabel: string;
}

/** What staff check before 确认: the notice, where it goes, how many households, and how long it takes. */
export async function previewText(q: Queryable, input: PreviewInput): Promise<string> {
  const { lang, answers, chats } = input;
  const labels: string[] = [];
  for (const chat of chats.slice(0, listedChats)) labels.push(`· ${await chatLabel(q, chat)}`);
  if (chats.length > listedChats) labels.push(`… +${chats.length - listedChats}`);
  const attachment = typeof answers['attachment'] === 'string' && answers['attachment'] !== '无' ? answers['attachment'] : t(lang, 'notice.preview.none');
  return t(lang, 'notice.preview', {
    body: typeof answers['body'] === 'string' ? answers['body'] : '',
    attachment,
    scope: typeof answers['scope'] === 'string' ? answers['scope'] : '',
    chats: chats.length,
    households: await householdsBelow(q, [...new Set(chats.filter((chat) => chat.kind !== 'staff').map((chat) => chat.areaId))]),
    at: input.sendAtLabel,
    hours: typeof answers['ackHours'] === 'number' ? answers['ackHours'] : 12,
    pin: answers['pin'] === true ? t(lang, 'notice.preview.yes') : t(lang, 'notice.preview.no'),
    list: labels.join('\n'),
    eta: etaText(lang, chats),
  });
}
