/** A command as people type it: "/help", "/help@linli_bot arg", or a Chinese word like 帮助. */
export interface ParsedCommand {
  name: string;
  args: string;
}

const slashCommand = /^\/([a-zA-Z_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/;

/** Words that act as commands when they are the whole message. */
const wordCommands: Record<string, string> = {
  帮助: 'help',
  菜单: 'help',
  你好: 'help',
  您好: 'help',
  在吗: 'help',
  help: 'help',
  hi: 'help',
  hello: 'help',
  menu: 'help',
};

/** What people end a one-word message with, and what is not part of the word: 帮助！ 日报。 */
export const trailingPunctuation = /[\s!！?？。.~～]+$/u;

export function parseCommand(text: string): ParsedCommand | undefined {
  const trimmed = text.trim();
  const slash = slashCommand.exec(trimmed);
  if (slash) return { name: (slash[1] ?? '').toLowerCase(), args: (slash[2] ?? '').trim() };
  const word = trimmed.replace(trailingPunctuation, '').toLowerCase();
  const name = wordCommands[word];
  return name ? { name, args: '' } : undefined;
}
