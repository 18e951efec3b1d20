import fs from 'node:fs';
import os from 'node:os';
import readline from 'node:readline';
import { Command, Option } from 'commander';
import { languages } from '../dialogs/messages/index.ts';
import type { FieldCipher } from '../privacy/index.ts';
import type { Db } from '../store/db.ts';
import { findPersons, type FindResult } from '../store/find.ts';
import { findScopeOf, type FindScope } from '../store/find-scope.ts';
import { readScopeOf } from '../store/staff-reads.ts';
import { wholeNumber } from './arguments.ts';
import { withStore } from './context.ts';
import { findOnePerson } from './find-person.ts';

interface FindOptions {
  json?: boolean;
  limit: number;
  batch?: string;
  staff?: string;
  lang: string;
}

export interface FindCommandSearch {
  scope: FindScope;
  staffPersonId: number | null;
  limit: number;
  lang: string;
}

/** One query as the command answers it, in a transaction of its own (the search is audited). */
export async function findForCommand(db: Db, cipher: FieldCipher, query: string, search: FindCommandSearch): Promise<FindResult[]> {
  return db.transaction(async (tx) =>
    findPersons(tx, cipher, {
      query,
      lang: search.lang,
      limit: search.limit,
      scope: search.scope,
      actor: { personId: search.staffPersonId, via: 'cli', by: os.userInfo().username },
      // In a staff member's scope the search runs as them, as it does when they ask in a chat.
      ...(search.staffPersonId === null ? {} : { readAs: await readScopeOf(tx, search.staffPersonId) }),
    }),
  );
}

const resultLine = (result: FindResult, index: number) =>
  `${index + 1}. ${result.name ?? '-'}${result.ref ? ` [${result.ref}]` : ''} #${result.personId} ${result.score.toFixed(2)}: ${result.reasons.join('; ')}`;

async function* queriesOf(batch: string): AsyncGenerator<string> {
  const input = batch === '-' ? process.stdin : fs.createReadStream(batch, { encoding: 'utf8' });
  for await (const line of readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line.trim() !== '') yield line.trim();
  }
}

export function findCommand(): Command {
  return new Command('find')
    .description('find a person from a name (by sound), phone digits, part of an ID number and an address; ranked, with the reasons')
    .argument('[query]', 'what is known of the person, e.g. "张伟 8000"')
    .option('--json', 'print [{"personId","ref","name","score","reasons"}]')
    .option('--limit <n>', 'at most this many results', wholeNumber(1, 200, 'a number of results'), 10)
    .option('--batch <file>', 'one query a line from this file (- for standard input); one JSON line per query')
    .option('--staff <name-or-phone>', "search within this staff member's scope (default: everyone)")
    .addOption(new Option('--lang <lang>', 'the language of the reasons').choices(languages).default('zh-CN'))
    .action(async (query: string | undefined, options: FindOptions) => {
      if (query === undefined && options.batch === undefined) throw new Error('give a query, or --batch FILE');
      await withStore(
        async ({ database, cipher }) => {
          let scope: FindScope = { kind: 'all' };
          let staffPersonId: number | null = null;
          if (options.staff !== undefined) {
            const staff = await findOnePerson(database.db, cipher, options.staff);
            const staffScope = await findScopeOf(database.db, staff.id);
            if (!staffScope) throw new Error(`${options.staff} is not staff`);
            scope = staffScope;
            staffPersonId = staff.id;
          }
          const search = { scope, staffPersonId, limit: options.limit, lang: options.lang };
          if (options.batch !== undefined) {
            for await (const line of queriesOf(options.batch)) {
              const results = await findForCommand(database.db, cipher, line, search);
              process.stdout.write(`${JSON.stringify({ query: line, results })}\n`);
            }
            return;
          }
          const results = await findForCommand(database.db, cipher, query ?? '', search);
          if (options.json) process.stdout.write(`${JSON.stringify(results)}\n`);
          else process.stdout.write(results.length === 0 ? 'nobody matches\n' : `${results.map(resultLine).join('\n')}\n`);
        },
        { logLevel: 'warn' },
      );
    });
}
