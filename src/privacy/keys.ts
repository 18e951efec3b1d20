import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, type Config } from '../config.ts';
import type { Logger } from '../log.ts';

/**
 * The key for personal data. Production sets LINLI_SECRET; the embedded default generates one
 * once into the data folder, because losing it makes every stored ID number unreadable.
 */
export function resolveSecret(config: Pick<Config, 'secret' | 'databaseUrl' | 'dataDir'>, log?: Logger): string {
  if (config.secret) return config.secret;
  if (config.databaseUrl) {
    throw new ConfigError(['LINLI_SECRET must be set when DATABASE_URL is set (for example: openssl rand -hex 32)']);
  }
  const file = path.join(config.dataDir, 'secret.key');
  if (fs.existsSync(file)) {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
    throw new ConfigError([`${file} holds no usable secret; restore it from a backup or set LINLI_SECRET`]);
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const generated = randomBytes(32).toString('hex');
  fs.writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
  const warning = 'generated a secret for personal data into the data folder; back it up, or set LINLI_SECRET in production';
  log?.warn({ file }, warning);
  // Said on the terminal too: the log may be a file that nobody reads on the first day.
  process.stderr.write(`Linli: ${warning} (${file})\n`);
  return generated;
}
