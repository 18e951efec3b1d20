import { loadConfig, type Config } from '../config.ts';
import { createLogger, type Logger } from '../log.ts';
import { openDatabase, type DatabaseHandle } from '../store/connect.ts';
import { createFieldCipher, type FieldCipher, resolveKeyRing } from '../privacy/index.ts';
import { checkKeyRing } from '../store/cipher-keys.ts';
import { migrate } from '../store/migrate.ts';

/** What a one-shot command needs: settings, a migrated store and the key for personal data. */
export interface StoreContext {
  config: Config;
  log: Logger;
  database: DatabaseHandle;
  cipher: FieldCipher;
}

export interface StoreContextOptions {
  /** Log to this file instead of stderr (the interactive sandbox keeps the terminal clean). */
  logFile?: string;
  /** Log level override, e.g. 'warn' for scripted commands whose stdout is read by tools. */
  logLevel?: string;
}

export async function openStoreContext(options: StoreContextOptions = {}): Promise<StoreContext> {
  const config = loadConfig();
  const log = createLogger({ level: options.logLevel ?? config.logLevel, file: options.logFile });
  const cipher = createFieldCipher(resolveKeyRing(config, log));
  const database = await openDatabase(config, { schema: config.schema });
  try {
    await migrate(database.db);
    await checkKeyRing(database.db, cipher);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { config, log, database, cipher };
}

/** Runs `work` with an open store and always closes it. */
export async function withStore<T>(work: (context: StoreContext) => Promise<T>, options?: StoreContextOptions): Promise<T> {
  const context = await openStoreContext(options);
  try {
    return await work(context);
  } finally {
    await context.database.close();
  }
}
