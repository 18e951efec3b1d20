import { Command } from 'commander';
import { relinkCodeTtlHours } from '../store/link-codes.ts';
import { mergePersonInto } from '../store/merge.ts';
import { withStore } from './context.ts';
import { findOnePerson } from './find-person.ts';
import { openIdConflictsBetween } from '../store/id-holders.ts';
import { issueRelinkCode } from './relink-code.ts';
import { recordAudit } from '../store/audit.ts';

export function personsCommand(): Command {
  const merge = new Command('merge')
    .description('join two records found to be the same person: the second one\'s accounts, reports and rooms move to the first')
    .requiredOption('--keep <name-or-phone>', 'the record that stays (or its number from the digest, e.g. #12)')
    .requiredOption('--merge <name-or-phone>', 'the record that joins it and is removed (or its number, e.g. #34)')
    .action(async (options: { keep: string; merge: string }) => {
      await withStore(
        async ({ database, cipher }) => {
          await database.db.transaction(async (tx) => {
            const kept = await findOnePerson(tx, cipher, options.keep);
            const merged = await findOnePerson(tx, cipher, options.merge);
            if (kept.id === merged.id) throw new Error('both name the same record');
            // Merging resolves the ID number conflicts between the two: the audit says how many.
            const idConflicts = await openIdConflictsBetween(tx, kept.id, merged.id);
            await mergePersonInto(tx, kept.id, merged.id);
            await recordAudit(tx, { action: 'persons.merge', subjectPersonId: kept.id, details: { merged: merged.id, idConflicts } });
            process.stdout.write(`${kept.name ?? kept.id} now holds the records of ${merged.name ?? merged.id}\n`);
          });
        },
        { logLevel: 'warn' },
      );
    });
  const relinkCode = new Command('relink-code')
    .description("a code for a resident whose WeChat id changed: sent to the bot from the new WeChat, it moves the person's records there")
    .requiredOption('--person <name-or-phone>', 'the registered person, by name or phone')
    .action(async (options: { person: string }) => {
      await withStore(
        async ({ database, cipher }) => {
          const { code, personName } = await database.db.transaction((tx) => issueRelinkCode(tx, cipher, options.person));
          process.stdout.write(
            `relink code for ${personName}: ${code} (valid ${relinkCodeTtlHours} hours)\n` +
              `ask them to send 「关联 ${code}」 to the bot in a private chat from their new WeChat\n`,
          );
        },
        { logLevel: 'warn' },
      );
    });
  return new Command('persons').addCommand(merge).addCommand(relinkCode);
}
