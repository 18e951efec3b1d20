import { t } from '../../dialogs/messages/index.ts';
import { parseCommand } from '../command.ts';
import type { HandlerContext } from '../handler.ts';
import type { RouteRule } from '../router.ts';
import { handleHelp } from './help.ts';
import { handleLang } from './lang.ts';

type CommandHandler = (context: HandlerContext, args: string) => Promise<void>;

const commands: Record<string, CommandHandler> = {
  help: handleHelp,
  start: handleHelp,
  lang: handleLang,
};

/** Commands: in a private chat always; in a group only slash commands or when the bot is mentioned. */
export const commandRule: RouteRule = {
  route: 'command',
  matches(context) {
    const command = parseCommand(context.message.text);
    if (!command) return false;
    const isSlash = context.message.text.trim().startsWith('/');
    return context.message.chat.kind === 'private' || isSlash || context.message.mentionsBot;
  },
  async handle(context) {
    const command = parseCommand(context.message.text);
    if (!command) return;
    const handler = commands[command.name];
    if (handler) {
      await handler(context, command.args);
    } else {
      context.reply(t(context.lang, 'command.unknown', { command: `/${command.name}` }));
    }
  },
};

/** A private message that nothing else understood gets the help, so no one is left without an answer. */
export const privateFallbackRule: RouteRule = {
  route: 'command',
  matches: (context) => context.message.chat.kind === 'private' || context.message.mentionsBot,
  handle: handleHelp,
};
