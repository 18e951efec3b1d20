import { Command } from 'commander';
import { listAudit, type AuditListing } from '../store/audit-log.ts';
import { isoDay } from './arguments.ts';
import { withStore } from './context.ts';
import { findOnePerson } from './find-person.ts';

const line = (entry: AuditListing) =>
  [entry.at, entry.actor ?? '(command line)', entry.action, entry.subject ?? '-', JSON.stringify(entry.details)].join('\t');

export function auditCommand(): Command {
  return new Command('audit')
    .description('every read of unmasked data, export, find and change by staff, oldest first')
    .option('--since <YYYY-MM-DD>', 'from this day on (the community\'s time zone)', isoDay)
    .option('--staff <name-or-phone>', 'only what this staff member did')
    .option('--json', 'one JSON array: [{"at", "actor", "action", "subject", "details"}]')
    .action(async (options: { since?: string; staff?: string; json?: boolean }) => {
      await withStore(
        async ({ database, cipher, config }) => {
          const actor = options.staff ? await findOnePerson(database.db, cipher, options.staff) : undefined;
          const entries = await listAudit(database.db, { since: options.since, actorPersonId: actor?.id, timeZone: config.timeZone });
          if (options.json) process.stdout.write(`${JSON.stringify(entries)}\n`);
          else process.stdout.write(entries.length === 0 ? 'nothing in the audit log\n' : `${entries.map(line).join('\n')}\n`);
        },
        { logLevel: 'warn' },
      );
    });
}
