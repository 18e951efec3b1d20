import readline from 'node:readline';
import { Command } from 'commander';
import { isoDay, wholeNumber } from './arguments.ts';
import { ingest } from '../bot/ingest.ts';
import { privateChatName, readTranscript, sandboxInbound, type TranscriptLine } from '../bot/channels/sandbox.ts';
import { waitUntilSettled } from '../bot/settle.ts';
import { startForCommand } from './runtime.ts';

const timeoutMs = wholeNumber(1, 3_600_000, 'milliseconds');

interface SimOptions {
  as: string;
  chat: string;
  json?: boolean;
  today?: string;
  timeout: number;
}

function format(line: TranscriptLine, options: SimOptions, json: boolean): string {
  if (json) return JSON.stringify({ chat: line.chat, to: line.to, text: line.text, ...(line.file ? { file: line.file } : {}) });
  const here = line.chat === options.chat && (line.chat !== privateChatName || line.to === options.as);
  if (here) return line.text;
  const where = line.chat === privateChatName ? `私聊 ${line.to ?? ''}`.trim() : line.chat;
  return `[${where}] ${line.text}`;
}

async function runSim(options: SimOptions): Promise<number> {
  const { linli } = await startForCommand({ workers: true });
  const { deps } = linli;
  let exitCode = 0;
  try {
    const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
    for await (const raw of input) {
      const text = raw.replace(/\r$/, '');
      if (text.trim() === '') continue;
      const result = await ingest(deps, sandboxInbound(options.as, options.chat, text, options.today));
      if (result.kind === 'rejected') {
        process.stderr.write(`not sent: ${result.problem}\n`);
        exitCode = 1;
        continue;
      }
      const settled = await waitUntilSettled(deps.db, [result.inboundId], { timeoutMs: options.timeout });
      if (!settled) {
        process.stderr.write(`no complete reply within ${options.timeout} ms to: ${text.slice(0, 40)}\n`);
        exitCode = 1;
      }
      const lines = await readTranscript(deps.db, deps.cipher, { inboundIds: [result.inboundId] });
      for (const line of lines) process.stdout.write(`${format(line, options, options.json === true)}\n`);
    }
  } finally {
    await linli.close();
  }
  return exitCode;
}

export function simCommand(): Command {
  return new Command('sim')
    .requiredOption('--as <user>', 'the user who speaks (made on first use)')
    .requiredOption('--chat <chat>', `the chat: a group's name, or "${privateChatName}" for a private chat with the bot`)
    .option('--json', 'print one JSON object per reply: {"chat", "to", "text"}, and "file", the path of a file the bot sent')
    .option('--today <YYYY-MM-DD>', 'the day that relative dates (昨天, 上周三) are read against', isoDay)
    .option('--timeout <ms>', 'how long to wait for the replies to one line', timeoutMs, 30_000)
    .addHelpText(
      'after',
      '\nExamples:\n  echo 你好 | npx linli sim --as 王芳 --chat dm\n  echo "/file 租户名单.xlsx" | npx linli sim --as 房东老周 --chat dm   (a line "/file PATH" sends that file)\n  printf "登记\\n" | npx linli sim --as 王芳 --chat 保利紫山3栋业主群 --json\n\nTwo runs in a row continue the same conversation.',
    )
    .action(async (options: SimOptions) => {
      process.exitCode = await runSim(options);
    });
}
