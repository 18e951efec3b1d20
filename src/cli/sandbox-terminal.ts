import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { z } from 'zod';
import { ingest } from '../bot/ingest.ts';
import { privateChatName, readTranscript, sandboxFilePath, sandboxInbound, type TranscriptLine } from '../bot/channels/sandbox.ts';
import { sandboxPlatform } from '../bot/channels/sandbox-outbound.ts';
import type { BotDeps } from '../bot/deps.ts';
import { pastedMessages } from './pasted-lines.ts';

/**
 * The sandbox chat in a terminal: a person plays residents, landlords and staff, in any chat,
 * and sees the bot's replies as they are sent. Who and where they are is kept in the data folder.
 */
const stateSchema = z.object({ user: z.string().min(1), chat: z.string().min(1) });
type SandboxState = z.infer<typeof stateSchema>;

const dim = (text: string) => `\u001b[2m${text}\u001b[0m`;
const bold = (text: string) => `\u001b[1m${text}\u001b[0m`;

export const sandboxHelp = [
  '沙盒命令 (sandbox commands):',
  '  /as 名字        换一个人说话 (speak as someone else; made on first use)',
  '  /in 群名        到一个群里 (go to a group chat; made on first use)',
  '  /dm            回到与机器人的私聊 (the private chat with the bot)',
  '  /file 路径      发送一个文件，例如名单 .xlsx/.csv (send a file, such as a roster)',
  '  /chats         列出所有群 (list chats)',
  '  /users         列出所有人 (list users)',
  '  /sandbox       显示这段说明 (this help)',
  '  /quit          退出 (quit)',
  '在群里写 @邻里 可以@机器人。粘贴的多行文字是一条消息 (a pasted list is one message).',
  'Anything else is sent as a chat message.',
].join('\n');

function loadState(file: string, fallback: SandboxState): SandboxState {
  try {
    return stateSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return fallback;
  }
}

export interface SandboxTerminalOptions {
  dataDir: string;
  defaultUser: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

export async function runSandboxTerminal(deps: BotDeps, options: SandboxTerminalOptions): Promise<void> {
  const stateFile = path.join(options.dataDir, 'sandbox.json');
  const state = loadState(stateFile, { user: options.defaultUser, chat: privateChatName });
  const output = options.output ?? process.stdout;
  const write = (text: string) => output.write(`${text}\n`);
  const save = () => fs.writeFileSync(stateFile, JSON.stringify(state));
  const where = () => (state.chat === privateChatName ? '私聊' : state.chat);
  // Before the terminal reads anything: a line read while this waits would be lost.
  const latest = await deps.db.query<{ id: number }>('SELECT coalesce(max(id), 0)::bigint AS id FROM sandbox_transcript');
  let lastSeen = latest[0]?.id ?? 0;
  const rl = readline.createInterface({ input: options.input ?? process.stdin, output, terminal: true });
  const prompt = () => {
    rl.setPrompt(`${bold(state.user)} @ ${where()} > `);
    rl.prompt(true);
  };

  const show = (line: TranscriptLine) => {
    const here = line.chat === state.chat && (line.chat !== privateChatName || line.to === state.user);
    const text = line.text.split('\n').join('\n      ');
    if (here) write(`邻里: ${text}`);
    else write(dim(`[${line.chat === privateChatName ? `私聊 ${line.to ?? ''}` : line.chat}] 邻里: ${text}`));
  };
  let polling = false;
  const poll = setInterval(() => {
    if (polling) return;
    polling = true;
    readTranscript(deps.db, deps.cipher, { afterId: lastSeen })
      .then((lines) => {
        if (lines.length === 0) return;
        readline.clearLine(output, 0);
        readline.cursorTo(output, 0);
        for (const line of lines) {
          show(line);
          lastSeen = line.id;
        }
        prompt();
      })
      .catch(() => undefined)
      .finally(() => {
        polling = false;
      });
  }, 250);

  const listNames = async (sql: string) => (await deps.db.query<{ name: string }>(sql, [sandboxPlatform])).map((row) => row.name);

  const meta: Record<string, (arg: string) => Promise<boolean | void>> = {
    as: async (arg) => {
      if (!arg) return write('用法: /as 名字');
      state.user = arg;
      save();
      write(dim(`现在您是 ${arg}。`));
    },
    in: async (arg) => {
      if (!arg) return write('用法: /in 群名');
      state.chat = arg;
      save();
      write(dim(`现在在「${arg}」。`));
    },
    dm: async () => {
      state.chat = privateChatName;
      save();
      write(dim('现在在与机器人的私聊。'));
    },
    chats: async () => {
      const names = await listNames(
        "SELECT coalesce(title, platform_chat_id) || '  (' || kind || ')' AS name FROM chats WHERE platform = $1 AND kind <> 'private' ORDER BY id",
      );
      write(names.length > 0 ? names.join('\n') : '还没有群。用 /in 群名 建一个。');
    },
    users: async () => {
      const names = await listNames(
        'SELECT platform_user_id AS name FROM accounts WHERE platform = $1 ORDER BY id',
      );
      write(names.length > 0 ? names.join('  ') : '还没有人。用 /as 名字 开始。');
    },
    sandbox: async () => write(sandboxHelp),
    quit: async () => true,
    exit: async () => true,
  };

  write(bold('邻里 Linli sandbox') + dim(' — 在终端里扮演居民、房东和工作人员。'));
  write(sandboxHelp);
  write(dim(`您是 ${state.user}，在${where()}。`));
  prompt();

  try {
    for await (const raw of pastedMessages(rl)) {
      const text = raw.trim();
      // A pasted list that starts with a slash is still a message; a sandbox command is one line.
      const command = text.includes('\n') ? null : /^\/(\w+)\s*(.*)$/.exec(text);
      const metaCommand = command ? meta[command[1] ?? ''] : undefined;
      if (metaCommand) {
        if (await metaCommand((command?.[2] ?? '').trim())) break;
      } else if (text !== '') {
        const filePath = sandboxFilePath(text);
        if (filePath !== undefined && !fs.existsSync(filePath)) {
          write(dim(`没有这个文件 (no such file): ${filePath}`));
          prompt();
          continue;
        }
        const result = await ingest(deps, sandboxInbound(state.user, state.chat, text));
        if (result.kind === 'rejected') write(dim(`没有发出: ${result.problem}`));
      }
      prompt();
    }
  } finally {
    clearInterval(poll);
    rl.close();
  }
}
