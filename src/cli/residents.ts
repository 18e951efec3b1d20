import fs from 'node:fs';
import os from 'node:os';
import { Command, Option } from 'commander';
import { currentResidents, type ResidentRow } from '../reports/residents.ts';
import { exportFormats, residentsCsv, residentsJsonl, residentsXlsx, type ExportFormat } from '../reports/residents-file.ts';
import { exportLanguages, type ExportLang } from '../reports/residents-lang.ts';
import { withStore } from './context.ts';
import { recordAudit } from '../store/audit.ts';
import { readAsStaff, readScopeOf } from '../store/staff-reads.ts';
import { findOnePerson } from './find-person.ts';
import { residentsImportCommand } from './residents-import.ts';

interface ExportOptions {
  format: ExportFormat;
  lang: ExportLang;
  unmasked?: boolean;
  out?: string;
  staff?: string;
}

export function residentsCommand(): Command {
  const exportCommand = new Command('export')
    .description('write every current registration, one per person, with its site, last test and notes (ID numbers, phones and notes masked unless --unmasked)')
    .addOption(new Option('--format <format>', 'jsonl, csv or xlsx').choices(exportFormats).default('jsonl'))
    .addOption(new Option('--lang <lang>', 'en: the keys and values scripts read; zh: Chinese headers and values, local times').choices(exportLanguages).default('en'))
    .option('--unmasked', 'write ID numbers and phones in full; recorded in the audit log')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--staff <name-or-phone>', "only the residents of this staff member's scope, read as them")
    .action(async (options: ExportOptions) => {
      await withStore(
        async ({ database, cipher, config }) => {
          const style = { lang: options.lang, timeZone: config.timeZone };
          const unmasked = options.unmasked === true;
          let rows: ResidentRow[];
          if (options.staff !== undefined) {
            const staff = await findOnePerson(database.db, cipher, options.staff);
            const scope = await readScopeOf(database.db, staff.id);
            if (!scope) throw new Error(`${options.staff} is not staff`);
            rows = await readAsStaff(database.db, scope, (q) => currentResidents(q, cipher, { areaIds: scope.areaIds, unmasked }));
          } else {
            rows = await currentResidents(database.db, cipher, { unmasked });
          }
          if (options.unmasked) {
            await recordAudit(database.db, {
              action: 'residents.export.unmasked',
              details: {
                count: rows.length,
                format: options.format,
                by: os.userInfo().username,
                out: options.out ?? 'stdout',
                ...(options.staff === undefined ? {} : { staff: options.staff }),
              },
            });
          }
          const content =
            options.format === 'xlsx'
              ? await residentsXlsx(rows, style)
              : options.format === 'csv'
                ? residentsCsv(rows, style)
                : residentsJsonl(rows, style);
          if (options.out) fs.writeFileSync(options.out, content);
          else process.stdout.write(content);
          if (options.out) process.stderr.write(`${rows.length} residents written to ${options.out}\n`);
        },
        { logLevel: 'warn' },
      );
    });
  return new Command('residents').description('the registered residents').addCommand(exportCommand).addCommand(residentsImportCommand());
}
