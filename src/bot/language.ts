import { normalize } from '../dialogs/answers/index.ts';
import type { Lang } from '../dialogs/messages/index.ts';
import { trailingPunctuation } from './command.ts';

/**
 * The language a person speaks, as told by the words they use to call the bot: "register" or
 * "help" in English, 登记 or 帮助 in Chinese. Answers inside a form (a name in Latin letters)
 * never change it; only these words do.
 */
const english = /^(?:help|hi|hello|menu|register|my info|my information|start)$/i;
const chinese = /^(?:帮助|你好|您好|菜单|登记|我要登记|我的信息|在吗)$/;

export function languageOfGreeting(text: string): Lang | undefined {
  const bare = normalize(text).replace(trailingPunctuation, '');
  if (english.test(bare)) return 'en';
  if (chinese.test(bare)) return 'zh-CN';
  return undefined;
}
