import path from 'node:path';
import { startLinli, type Linli, type StartOptions } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { createLogger, type Logger } from '../log.ts';
import { retentionPurgeAt } from '../jobs/retention.ts';

export interface CliRuntime {
  config: Config;
  log: Logger;
  linli: Linli;
}

/**
 * Starts Linli for a command. Logs go to the data folder's linli.log unless `logToStderr`, so
 * that what a command prints (a chat, JSON for scripts) stays clean.
 */
export async function startForCommand(
  options: StartOptions & { logToStderr?: boolean; /** Run the daily schedules (check-ins, the staff digest): the long-running worker does. */ schedules?: boolean } = {},
): Promise<CliRuntime> {
  const config = loadConfig();
  if (options.schedules) {
    options = { ...options, workers: { ...(typeof options.workers === 'object' ? options.workers : {}), checkin: config.checkin, digest: config.digest, market: config.market, retention: { at: retentionPurgeAt } } };
  }
  const log = createLogger({
    level: config.logLevel,
    ...(options.logToStderr ? {} : { file: path.join(config.dataDir, 'linli.log') }),
  });
  const linli = await startLinli(config, log, options);
  return { config, log, linli };
}

/** Closes Linli on SIGINT/SIGTERM after the work in hand; a second signal exits at once. */
export function closeOnSignals(close: () => Promise<void>): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(130);
    closing = true;
    process.stderr.write(`\n${signal}: finishing the work in hand...\n`);
    close()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
