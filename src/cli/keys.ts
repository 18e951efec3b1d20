import { Command, InvalidArgumentError } from 'commander';
import { addKeyToFile, keepKeysInFile, keyFile } from '../privacy/index.ts';
import { recordAudit } from '../store/audit.ts';
import { rotateKeys, rotationStatus, type RotationResult, type RotationStatus } from '../store/key-rotation.ts';
import { withStore } from './context.ts';

/**
 * `linli keys`: the keys for personal data. A rotation has three steps: a new key (keys add, or a
 * new LINLI_SECRET with the old one in LINLI_OLD_SECRETS), a restart of every Linli process so
 * that each encrypts under the new key and reads under both, and `keys rotate`, which moves the
 * stored data onto the new key while Linli runs and then retires the old one.
 */

const positive = (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 10_000) throw new InvalidArgumentError('expected a whole number from 1 to 10000');
  return parsed;
};

const usingEnvironment = () => Boolean(process.env.LINLI_SECRET?.trim());

function statusText(status: RotationStatus): string {
  const lines = [
    `key ring (newest first): ${status.ringKeyIds.join(', ')}`,
    `keys in use by stored data: ${status.keysInUse.join(', ') || 'none yet'}`,
  ];
  if (status.tables.length === 0) lines.push(status.keysInUse.length > 1 ? 'no rotation begun: run `linli keys rotate`' : 'nothing to rotate');
  for (const table of status.tables) lines.push(`${table.table}\t${table.done ? 'done' : `up to id ${table.lastId}`}\t${table.resealed} resealed`);
  return `${lines.join('\n')}\n`;
}

function doneText(result: RotationResult, dataDir: string, removedFromFile: string[]): string {
  const resealed = result.tables.reduce((sum, table) => sum + table.resealed, 0);
  const lines = [`every value is now sealed and hashed under key ${result.targetKeyId} (${resealed} rows sealed again)`];
  if (result.retired.length === 0) return `${lines.join('\n')}\n`;
  lines.push(`retired: ${result.retired.join(', ')}`);
  if (removedFromFile.length > 0) lines.push(`removed from ${keyFile(dataDir)}; restart Linli`);
  else if (usingEnvironment()) lines.push('remove LINLI_OLD_SECRETS from the environment of every Linli process, and restart them');
  return `${lines.join('\n')}\n`;
}

function addCommand(): Command {
  return new Command('add')
    .description('put a new key on top of the data folder\'s secret.key (embedded store); restart Linli, then run keys rotate')
    .action(async () => {
      if (usingEnvironment()) {
        process.stdout.write(
          'LINLI_SECRET is set: make a new secret (openssl rand -hex 32), move the current one to LINLI_OLD_SECRETS, put the new one in LINLI_SECRET, restart every Linli process, then run `linli keys rotate`\n',
        );
        return;
      }
      await withStore(
        async ({ config }) => {
          const added = addKeyToFile(config.dataDir);
          process.stdout.write(`key ${added} added to ${keyFile(config.dataDir)}: restart Linli, then run \`linli keys rotate\`\n`);
        },
        { logLevel: 'warn' },
      );
    });
}

function rotateCommand(): Command {
  return new Command('rotate')
    .description('seal every stored value and keyed hash again under the newest key, while Linli runs; run again to resume')
    .option('--batch <rows>', 'rows per transaction', positive, 500)
    .option('--json', 'one JSON object: {"targetKeyId", "tables": [{"table", "lastId", "resealed", "done"}], "retired"}')
    .action(async (options: { batch: number; json?: boolean }) => {
      await withStore(
        async ({ database, cipher, config }) => {
          const before = await rotationStatus(database.db, cipher);
          if (before.keysInUse.every((keyId) => keyId === cipher.keyId)) {
            const message = `nothing to rotate: every value is under key ${cipher.keyId}; first \`linli keys add\` (or a new LINLI_SECRET with the current one in LINLI_OLD_SECRETS) and a restart`;
            process.stdout.write(options.json ? `${JSON.stringify({ targetKeyId: cipher.keyId, tables: [], retired: [], message })}\n` : `${message}\n`);
            return;
          }
          const result = await rotateKeys(database.db, cipher, {
            batchSize: options.batch,
            onBatch: options.json ? undefined : (table, resealed) => process.stderr.write(`${table}: ${resealed} sealed again\n`),
          });
          await recordAudit(database.db, { action: 'keys.rotate', details: { target: result.targetKeyId, retired: result.retired } });
          const removed = usingEnvironment() || result.retired.length === 0 ? [] : keepKeysInFile(config.dataDir, [result.targetKeyId]);
          process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : doneText(result, config.dataDir, removed));
        },
        { logLevel: 'warn' },
      );
    });
}

function statusCommand(): Command {
  return new Command('status')
    .description('the key ring, the keys stored data is under, and how far a rotation has come')
    .option('--json', 'one JSON object: {"ringKeyIds", "keysInUse", "tables"}')
    .action(async (options: { json?: boolean }) => {
      await withStore(
        async ({ database, cipher }) => {
          const status = await rotationStatus(database.db, cipher);
          process.stdout.write(options.json ? `${JSON.stringify(status)}\n` : statusText(status));
        },
        { logLevel: 'warn' },
      );
    });
}

export function keysCommand(): Command {
  return new Command('keys')
    .description('the keys for personal data: add a new one, rotate the stored data onto it, see where a rotation stands')
    .addCommand(addCommand())
    .addCommand(rotateCommand())
    .addCommand(statusCommand());
}
