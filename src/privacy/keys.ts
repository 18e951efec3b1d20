import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, type Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { keyIdOf, minimumSecretLength } from './cipher.ts';

/**
 * The keys for personal data, newest first. Production sets LINLI_SECRET (and, while a rotation
 * moves the data to it, the previous secrets in LINLI_OLD_SECRETS); the embedded default keeps them
 * in the data folder's secret.key, one a line, newest first, generating the first one once,
 * because losing it makes every stored ID number unreadable.
 */
export function resolveKeyRing(config: Pick<Config, 'secret' | 'oldSecrets' | 'databaseUrl' | 'dataDir'>, log?: Logger): string[] {
  const ring = config.secret ? [config.secret] : keysInFile(config, log);
  for (const old of config.oldSecrets) if (!ring.includes(old)) ring.push(old);
  return ring;
}

export const keyFile = (dataDir: string) => path.join(dataDir, 'secret.key');

function readKeyFile(file: string): string[] {
  const keys = fs.readFileSync(file, 'utf8').split('\n').map((line) => line.trim()).filter(Boolean);
  if (keys.length === 0 || keys.some((key) => key.length < minimumSecretLength)) {
    throw new ConfigError([`${file} holds no usable secret; restore it from a backup or set LINLI_SECRET`]);
  }
  return keys;
}

function keysInFile(config: Pick<Config, 'databaseUrl' | 'dataDir'>, log?: Logger): string[] {
  if (config.databaseUrl) {
    throw new ConfigError(['LINLI_SECRET must be set when DATABASE_URL is set (for example: openssl rand -hex 32)']);
  }
  const file = keyFile(config.dataDir);
  if (fs.existsSync(file)) return readKeyFile(file);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const generated = newSecret();
  fs.writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
  const warning = 'generated a secret for personal data into the data folder; back it up, or set LINLI_SECRET in production';
  log?.warn({ file }, warning);
  // Said on the terminal too: the log may be a file that nobody reads on the first day.
  process.stderr.write(`Linli: ${warning} (${file})\n`);
  return [generated];
}

export const newSecret = () => randomBytes(32).toString('hex');

/** Puts a new secret on top of the data folder's key file (the embedded default); the older ones stay below it. */
export function addKeyToFile(dataDir: string): string {
  const file = keyFile(dataDir);
  const keys = fs.existsSync(file) ? readKeyFile(file) : [];
  const added = newSecret();
  writeKeyFile(file, [added, ...keys]);
  return keyIdOf(added);
}

/** Leaves in the data folder's key file only the keys named (a rotation is done with the others). */
export function keepKeysInFile(dataDir: string, keyIds: readonly string[]): string[] {
  const file = keyFile(dataDir);
  if (!fs.existsSync(file)) return [];
  const keys = readKeyFile(file);
  const kept = keys.filter((key) => keyIds.includes(keyIdOf(key)));
  if (kept.length === 0) throw new Error(`${file} holds none of the keys in use; it is left as it is`);
  writeKeyFile(file, kept);
  return keys.filter((key) => !kept.includes(key)).map(keyIdOf);
}

/** Written beside and then renamed over the old file, so that a crash never leaves half a key file. */
function writeKeyFile(file: string, keys: readonly string[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const next = `${file}.next`;
  fs.writeFileSync(next, `${keys.join('\n')}\n`, { mode: 0o600 });
  fs.renameSync(next, file);
}
