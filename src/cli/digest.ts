import os from 'node:os';
import { Command, Option } from 'commander';
import { languages } from '../dialogs/messages/index.ts';
import { peopleNamed } from '../reports/digest.ts';
import { digestText } from '../reports/digest-text.ts';
import { staffDigestReport } from '../reports/staff-digest.ts';
import type { FieldCipher } from '../privacy/index.ts';
import type { Queryable } from '../store/db.ts';
import { auditDigestRead } from '../store/digest-audit.ts';
import { staffPersonIds } from '../store/digest-scope.ts';
import { localDay } from '../time.ts';
import { isoDay } from './arguments.ts';
import { withStore } from './context.ts';
import { findOnePerson } from './find-person.ts';
import { workbookPath, writeDigestWorkbook } from './digest-out.ts';

export interface DigestCommandOptions {
  day?: string;
  staff?: string;
  json?: boolean;
  lang: string;
  /** Also write each digest's workbook here (see digest-out.ts). */
  out?: string;
}

/**
 * The digests as the command prints them: for each staff member (or the one named) a heading and
 * the text, or one JSON object of the numbers per line. Every digest printed is audited.
 */
export async function digestLines(
  q: Queryable,
  cipher: FieldCipher,
  options: DigestCommandOptions & { timeZone: string; now: Date },
): Promise<string[]> {
  const today = localDay(options.now, options.timeZone);
  const day = options.day ?? today;
  if (day > today) throw new Error(`${day} has not come yet (today is ${today})`);
  let people: { id: number; name: string | null }[];
  if (options.staff !== undefined) {
    people = [await findOnePerson(q, cipher, options.staff)];
  } else {
    const ids = await staffPersonIds(q);
    people = await q.query<{ id: number; name: string | null }>('SELECT id, name FROM persons WHERE id = ANY($1::bigint[])', [ids]);
    people.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  }
  const lines: string[] = [];
  for (const person of people) {
    const report = await staffDigestReport(q, cipher, { personId: person.id, day, timeZone: options.timeZone, now: options.now }, { details: options.out !== undefined });
    if (!report) throw new Error(`${options.staff ?? person.name ?? person.id} is not staff`);
    const { digest } = report;
    if (options.out !== undefined) {
      await writeDigestWorkbook(report, workbookPath(options.out, person.name ?? String(person.id), people.length > 1), options.lang, options.timeZone);
    }
    await auditDigestRead(q, { staffPersonId: person.id, via: 'cli', day, people: peopleNamed(digest), by: os.userInfo().username });
    if (options.json) {
      lines.push(JSON.stringify({ staff: person.name, ...digest }));
    } else {
      if (lines.length > 0) lines.push('');
      lines.push(`# ${person.name ?? person.id}`, digestText(digest, options.lang, options.timeZone));
    }
  }
  return lines;
}

export function digestCommand(): Command {
  return new Command('digest')
    .option('--day <YYYY-MM-DD>', 'the day (default: today, so far)', isoDay)
    .option('--staff <name-or-phone>', 'only this staff member, by name or mobile number')
    .option('--json', 'print the numbers and lists, one JSON object per staff member')
    .addOption(new Option('--lang <lang>', 'the language of the text').choices(languages).default('zh-CN'))
    .option('--out <file.xlsx>', 'also write the workbook (with several staff: one file each, named after them)')
    .action(async (options: DigestCommandOptions) => {
      await withStore(
        async ({ database, cipher, config }) => {
          const lines = await database.db.transaction((tx) =>
            digestLines(tx, cipher, { ...options, timeZone: config.timeZone, now: new Date() }),
          );
          if (lines.length === 0) process.stderr.write('no staff yet: load them with `linli setup` (or `linli demo`)\n');
          else process.stdout.write(`${lines.join('\n')}\n`);
        },
        { logLevel: 'warn' },
      );
    });
}
