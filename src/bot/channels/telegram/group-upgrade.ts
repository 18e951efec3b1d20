import type { Bot } from 'grammy';
import type { Logger } from '../../../log.ts';
import { moveChat } from '../../../store/chat-moves.ts';
import type { BotDeps } from '../../deps.ts';
import { telegramPlatform } from './inbound.ts';

/**
 * A Telegram group that becomes a supergroup gets a new chat id. Telegram says so twice: in the
 * old group (migrate_to_chat_id) and in the new one (migrate_from_chat_id). Either moves the
 * chat, with its binding to a building and its history, to the new id; the second finds nothing
 * left to move. Without this, the group would lose its binding and the outbox would write to a
 * chat that no longer exists.
 */
export function followGroupUpgrades(bot: Bot, deps: Pick<BotDeps, 'db'>, log: Logger): void {
  const move = async (from: number, to: number) => {
    const moved = await deps.db.transaction((tx) => moveChat(tx, telegramPlatform, String(from), String(to)));
    if (moved.kind !== 'unknown') log.info({ from, to, chatId: moved.chatId, how: moved.kind }, 'Telegram: a group became a supergroup; the chat moved to its new id');
  };
  bot.on('message:migrate_to_chat_id', (ctx) => move(ctx.chat.id, ctx.message.migrate_to_chat_id));
  bot.on('message:migrate_from_chat_id', (ctx) => move(ctx.message.migrate_from_chat_id, ctx.chat.id));
}
