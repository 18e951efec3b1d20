import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const migrationFile = /^(\d{3})_[a-z0-9_]+\.sql$/;
/** Any fixed number: serialises migrations between processes that start together. */
const migrationLock = 7_410_001;

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

export function listMigrations(dir = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => migrationFile.test(file))
    .sort()
    .map((file) => ({
      version: file.slice(0, 3),
      name: file,
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
}

/** Applies the migrations not yet applied, each in its own transaction; returns their names. */
export async function migrate(db: Db, migrations = listMigrations()): Promise<string[]> {
  // Every command starts by migrating: one read settles the usual case, where nothing is pending,
  // without a transaction and a lock per migration.
  if ((await pendingMigrations(db, migrations)).length === 0) return [];
  await db.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version text PRIMARY KEY,
       name text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
      const existing = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (existing.length > 0) return false;
      await tx.query(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}

export async function pendingMigrations(db: Db, migrations = listMigrations()): Promise<string[]> {
  const rows = await db.query<{ version: string }>(
    `SELECT version FROM schema_migrations`,
  ).catch(() => [] as { version: string }[]);
  const done = new Set(rows.map((row) => row.version));
  return migrations.filter((m) => !done.has(m.version)).map((m) => m.name);
}
