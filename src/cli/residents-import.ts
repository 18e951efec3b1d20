import os from 'node:os';
import { Command } from 'commander';
import { importRegistryFile, type RegistryImportReport } from '../jobs/registry-import.ts';
import { recordAudit } from '../store/audit.ts';
import { localDay } from '../time.ts';
import { withStore } from './context.ts';

interface ImportOptions {
  site?: string;
  source?: string;
  json?: boolean;
}

/** A progress line on a terminal, redrawn at most a few times a second; nothing when stderr is not one. */
function progressBar(): { update(progress: number, rows: number): void; done(): void } {
  if (!process.stderr.isTTY) return { update() {}, done() {} };
  let last = 0;
  return {
    update(progress, rows) {
      const now = Date.now();
      if (now - last < 200 && progress < 1) return;
      last = now;
      const width = 30;
      const filled = Math.round(Math.min(1, progress) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(progress * 100)}% ${rows} rows`);
    },
    done() {
      process.stderr.write('\n');
    },
  };
}

function summary(file: string, report: RegistryImportReport): string {
  const lines = [
    `${file}: ${report.rows} rows; ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected`,
    `${report.personsCreated} persons new to Linli, ${report.roomsAdded} rooms added to the known rooms`,
  ];
  if (report.rejectedFile) lines.push(`rejected rows and why: ${report.rejectedFile}`);
  return `${lines.join('\n')}\n`;
}

export function residentsImportCommand(): Command {
  return new Command('import')
    .description('import the base registry (.csv, .xlsx or .jsonl with name, id_number, phone, address, ref or 姓名, 身份证号, 手机号, 住址, 编号)')
    .argument('<file>', 'the registry file')
    .option('--site <name>', 'the compound or lane the addresses are in (when they do not name it)')
    .option('--source <name>', 'the system the registry comes from (default: the file name)')
    .option('--json', 'print the counts as JSON')
    .action(async (file: string, options: ImportOptions) => {
      await withStore(
        async ({ database, cipher, config }) => {
          const source = options.source ?? file.split(/[\\/]/).pop() ?? file;
          const bar = progressBar();
          const report = await importRegistryFile(database.db, cipher, file, {
            source,
            ...(options.site !== undefined ? { site: options.site } : {}),
            today: localDay(new Date(), config.timeZone),
            onProgress: (progress, rows) => bar.update(progress, rows),
          });
          bar.done();
          await recordAudit(database.db, {
            action: 'registry.import',
            details: { source, rows: report.rows, added: report.added, updated: report.updated, rejected: report.rejected, by: os.userInfo().username },
          });
          process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : summary(file, report));
        },
        { logLevel: 'warn' },
      );
    });
}
