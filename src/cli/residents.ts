import fs from 'node:fs';
import os from 'node:os';
import { Command, Option } from 'commander';
import { currentResidents } from '../reports/residents.ts';
import { exportFormats, residentsCsv, residentsJsonl, residentsXlsx, type ExportFormat } from '../reports/residents-file.ts';
import { exportLanguages, type ExportLang } from '../reports/residents-lang.ts';
import { withStore } from './context.ts';
import { recordAudit } from '../store/audit.ts';
import { residentsImportCommand } from './residents-import.ts';

interface ExportOptions {
  format: ExportFormat;
  lang: ExportLang;
  unmasked?: boolean;
  out?: string;
}

export function residentsCommand(): Command {
  const exportCommand = new Command('export')
    .description('write every current registration, one per person, with its site, last test and notes (ID numbers, phones and notes masked unless --unmasked)')
    .addOption(new Option('--format <format>', 'jsonl, csv or xlsx').choices(exportFormats).default('jsonl'))
    .addOption(new Option('--lang <lang>', 'en: the keys and values scripts read; zh: Chinese headers and values, local times').choices(exportLanguages).default('en'))
    .option('--unmasked', 'write ID numbers and phones in full; recorded in the audit log')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: ExportOptions) => {
      await withStore(
        async ({ database, cipher, config }) => {
          const style = { lang: options.lang, timeZone: config.timeZone };
          const rows = await currentResidents(database.db, cipher, { unmasked: options.unmasked === true });
          if (options.unmasked) {
            await recordAudit(database.db, {
              action: 'residents.export.unmasked',
              details: { count: rows.length, format: options.format, by: os.userInfo().username, out: options.out ?? 'stdout' },
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
