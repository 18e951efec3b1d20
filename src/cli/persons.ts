import { Command } from 'commander';
import { mergePersonInto } from '../store/merge.ts';
import { withStore } from './context.ts';
import { findOnePerson } from './find-person.ts';

export function personsCommand(): Command {
  const merge = new Command('merge')
    .description('join two records found to be the same person: the second one\'s accounts, reports and rooms move to the first')
    .requiredOption('--keep <name-or-phone>', 'the record that stays')
    .requiredOption('--merge <name-or-phone>', 'the record that joins it and is removed')
    .action(async (options: { keep: string; merge: string }) => {
      await withStore(
        async ({ database, cipher }) => {
          await database.db.transaction(async (tx) => {
            const kept = await findOnePerson(tx, cipher, options.keep);
            const merged = await findOnePerson(tx, cipher, options.merge);
            if (kept.id === merged.id) throw new Error('both name the same record');
            await mergePersonInto(tx, kept.id, merged.id);
            await tx.query(`INSERT INTO audit_log (action, subject_person_id, details) VALUES ('persons.merge', $1, $2)`, [
              kept.id,
              JSON.stringify({ merged: merged.id }),
            ]);
            process.stdout.write(`${kept.name ?? kept.id} now holds the records of ${merged.name ?? merged.id}\n`);
          });
        },
        { logLevel: 'warn' },
      );
    });
  return new Command('persons').description('the people Linli knows').addCommand(merge);
}
