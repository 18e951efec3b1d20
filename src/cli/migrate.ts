import { Command } from 'commander';
import { listMigrations } from '../store/migrate.ts';
import { withStore } from './context.ts';

export function migrateCommand(): Command {
  return new Command('migrate')
    .action(async () => {
      // withStore applies the migrations as it opens the store.
      await withStore(async ({ database }) => {
        const rows = await database.db.query<{ name: string; applied_at: Date }>(
          'SELECT name, applied_at FROM schema_migrations ORDER BY version',
        );
        for (const row of rows) process.stdout.write(`${row.name}\t${row.applied_at.toISOString()}\n`);
        process.stdout.write(`${rows.length} of ${listMigrations().length} migrations applied\n`);
      });
    });
}
