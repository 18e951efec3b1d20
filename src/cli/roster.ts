import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { parseRoster } from '../dialogs/roster/parse.ts';
import { rosterJson, rosterReply } from '../dialogs/roster/reply.ts';
import { localDay } from '../time.ts';

import { isoDay } from './arguments.ts';
import { withStore } from './context.ts';
import { importRosterFile, showRoster } from './roster-store.ts';

/** Where the command reads and writes; tests give their own. */
export interface RosterCommandIo {
  stdin: AsyncIterable<string | Buffer>;
  stdout: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

interface ParseCommandOptions {
  llm: boolean;
  json?: boolean;
  today?: string;
}

async function readAll(input: AsyncIterable<string | Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function runParse(options: ParseCommandOptions, io: RosterCommandIo): Promise<void> {
  const config = loadConfig(io.env);
  const today = options.today ?? localDay(io.now(), config.timeZone);
  const message = (await readAll(io.stdin)).replace(/\r?\n$/, '');
  // The model is asked only when it is configured and wanted; its absence is no error.
  const model = options.llm && config.model !== undefined ? (await import('../dialogs/roster/model.ts')).createRosterModel(config.model) : null;
  const result = await parseRoster(message, today, { model });
  io.stdout.write(`${options.json === true ? rosterJson(result) : rosterReply(result)}\n`);
}

export function rosterCommand(io: Partial<RosterCommandIo> = {}): Command {
  const streams: RosterCommandIo = {
    stdin: io.stdin ?? process.stdin,
    stdout: io.stdout ?? process.stdout,
    env: io.env ?? process.env,
    now: io.now ?? (() => new Date()),
  };
  const roster = new Command('roster');
  roster
    .command('parse')
    .description('read one message from standard input and print what the roster parser understood')
    .option('--no-llm', 'use the rules only, even when a model is configured (OPENAI_API_KEY, OPENAI_MODEL)')
    .option('--json', 'print {"isRoster", "entries": [...]} with the values normalised')
    .option('--today <YYYY-MM-DD>', 'the day that relative dates (上个月15号) are read against; default today in the community\'s time zone', isoDay)
    .addHelpText(
      'after',
      '\nExamples:\n  printf "张三 440106199001011235 13812345678 3-2-502" | npx linli roster parse\n  npx linli roster parse --json --no-llm --today 2026-03-05 < list.txt',
    )
    .action(async (options: ParseCommandOptions) => {
      await runParse(options, streams);
    });
  roster
    .command('import')
    .description('save a landlord\'s tenant list from an .xlsx or .csv file as a new version of their roster')
    .argument('<file>', 'the spreadsheet (.xlsx or .csv)')
    .requiredOption('--landlord <name-or-phone>', 'the landlord or shop owner, by name, mobile number, name and mobile, or person id')
    .option('--today <YYYY-MM-DD>', 'the day that relative move-in dates are read against', isoDay)
    .action(async (file: string, options: { landlord: string; today?: string }) => {
      await withStore(
        async ({ database, cipher, config }) => {
          const today = options.today ?? localDay(streams.now(), config.timeZone);
          const lines = await importRosterFile(database.db, cipher, { file, landlord: options.landlord, today });
          streams.stdout.write(`${lines.join('\n')}\n`);
        },
        { logLevel: 'warn' },
      );
    });
  roster
    .command('show')
    .description('a landlord\'s current roster (or a shop owner\'s staff lists), ID numbers and phones masked')
    .requiredOption('--landlord <name-or-phone>', 'the landlord or shop owner, by name, mobile number, name and mobile, or person id')
    .option('--history', 'also list every version')
    .action(async (options: { landlord: string; history?: boolean }) => {
      await withStore(
        async ({ database, cipher, config }) => {
          const lines = await showRoster(database.db, cipher, options.landlord, options.history === true, config.timeZone);
          streams.stdout.write(`${lines.join('\n')}\n`);
        },
        { logLevel: 'warn' },
      );
    });
  return roster;
}
