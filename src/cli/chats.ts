import { TZDate } from '@date-fns/tz';
import { Command } from 'commander';
import { format } from 'date-fns';
import { listChatBindings, type ChatBinding } from '../store/bind-codes.ts';
import { withStore } from './context.ts';

/** Columns a terminal gives a character: two for Chinese and other wide characters. */
const wide = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const width = (text: string) => [...text].reduce((total, char) => total + (wide.test(char) ? 2 : 1), 0);
const pad = (text: string, columns: number) => text + ' '.repeat(Math.max(0, columns - width(text)));

function cells(chat: ChatBinding, timeZone: string): string[] {
  return [
    chat.platform,
    chat.title ?? chat.platformChatId,
    chat.kind,
    chat.place ? chat.place.join('/') : '-',
    chat.boundAt ? format(new TZDate(chat.boundAt.getTime(), timeZone), 'yyyy-MM-dd HH:mm') : '-',
  ];
}

/** The chats as an aligned table, one line each, with a header. */
export function formatChatTable(chats: readonly ChatBinding[], timeZone: string): string[] {
  const rows = [['platform', 'chat', 'kind', 'place', 'bound at'], ...chats.map((chat) => cells(chat, timeZone))];
  const columns = rows[0]?.map((_, index) => Math.max(...rows.map((row) => width(row[index] ?? '')))) ?? [];
  return rows.map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : pad(cell, columns[index] ?? 0))).join('  '));
}

export function chatsCommand(): Command {
  return new Command('chats')
    .option('--json', 'print one JSON object per chat')
    .option('--private', 'include the private chats with residents')
    .action(async (options: { json?: boolean; private?: boolean }) => {
      await withStore(
        async ({ database, config }) => {
          const chats = await listChatBindings(database.db, { withPrivate: options.private === true });
          const lines = options.json
            ? chats.map((chat) =>
                JSON.stringify({
                  platform: chat.platform,
                  id: chat.platformChatId,
                  title: chat.title,
                  kind: chat.kind,
                  place: chat.place,
                  boundAt: chat.boundAt?.toISOString() ?? null,
                }),
              )
            : chats.length === 0
              ? ['no chats yet']
              : formatChatTable(chats, config.timeZone);
          process.stdout.write(`${lines.join('\n')}\n`);
        },
        { logLevel: 'warn' },
      );
    });
}
