import { isLang, t } from '../../dialogs/messages/index.ts';
import { updatePerson } from '../../store/persons.ts';
import type { HandlerContext } from '../handler.ts';

const aliases: Record<string, string> = { zh: 'zh-CN', cn: 'zh-CN', 中文: 'zh-CN', 'zh-cn': 'zh-CN', en: 'en', english: 'en', 英文: 'en' };

/** /lang en | /lang zh: the language the bot speaks with this person from now on. */
export async function handleLang(context: HandlerContext, args: string): Promise<void> {
  const wanted = aliases[args.trim().toLowerCase()] ?? args.trim();
  if (!isLang(wanted)) {
    context.reply(t(context.lang, 'command.unknown', { command: `/lang ${args}`.trim() }));
    return;
  }
  await updatePerson(context.tx, context.cipher, context.message.account.personId, { lang: wanted });
  context.lang = wanted;
  context.reply(t(wanted, 'lang.switched'));
}
