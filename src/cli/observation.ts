import { addDays, format, parseISO } from 'date-fns';
import { Command } from 'commander';
import { isoDay, wholeNumber } from './arguments.ts';
import { localDay } from '../time.ts';
import { withStore } from './context.ts';
import { findOnePerson } from './find-person.ts';
import { defaultObservationDays } from '../bot/handlers/registration/submit.ts';
import { observationNotice } from '../bot/observation-notice.ts';
import { tellPersonPrivately } from './tell-person.ts';

const days = wholeNumber(1, 60, 'days');

export function observationCommand(): Command {
  const start = new Command('start')
    .description('put a person under observation by hand (daily check-ins from the next morning)')
    .requiredOption('--person <name-or-phone>', 'the person, by name, mobile number, name and mobile ("王芳 13912345678"), or person id (id:42)')
    .option('--from <YYYY-MM-DD>', 'the first day (default: today)', isoDay)
    .option('--days <n>', 'how long', days, defaultObservationDays)
    .action(async (options: { person: string; from?: string; days: number }) => {
      await withStore(
        async (store) => {
          const { database, cipher, config } = store;
          const person = await findOnePerson(database.db, cipher, options.person);
          const from = options.from ?? localDay(new Date(), config.timeZone);
          const until = format(addDays(parseISO(from), options.days), 'yyyy-MM-dd');
          await database.db.query(`INSERT INTO observations (person_id, starts_on, ends_on, source) VALUES ($1, $2, $3, 'staff')`, [person.id, from, until]);
          const told = await tellPersonPrivately(store, person.id, (lang) => observationNotice(lang, { by: 'staff', from, until, askAt: config.checkin.askAt }));
          process.stdout.write(
            `${person.name ?? person.id}: under observation ${from} – ${until}; ${told ? 'told privately' : 'not told: they have no private chat with the bot yet'}\n`,
          );
        },
        { logLevel: 'warn' },
      );
    });
  const end = new Command('end')
    .description('end a person\'s observation early, by hand')
    .requiredOption('--person <name-or-phone>', 'the person, by name, mobile number, name and mobile ("王芳 13912345678"), or person id (id:42)')
    .option('--on <YYYY-MM-DD>', 'the day it ends (default: today)', isoDay)
    .action(async (options: { person: string; on?: string }) => {
      await withStore(
        async ({ database, cipher, config }) => {
          const person = await findOnePerson(database.db, cipher, options.person);
          const on = options.on ?? localDay(new Date(), config.timeZone);
          const ended = await database.db.query(
            `UPDATE observations SET ended_early_on = $2 WHERE person_id = $1 AND ended_early_on IS NULL AND ends_on >= $2 RETURNING id`,
            [person.id, on],
          );
          process.stdout.write(ended.length > 0 ? `${person.name ?? person.id}: observation ended on ${on}\n` : `${person.name ?? person.id} is not under observation\n`);
        },
        { logLevel: 'warn' },
      );
    });
  return new Command('observation').addCommand(start).addCommand(end);
}
