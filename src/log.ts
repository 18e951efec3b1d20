import { pino, type Logger } from 'pino';
import { maskText, redactedLogPaths, scrubbed } from './privacy/index.ts';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** A file to append to, so that an interactive terminal is not cluttered; stderr when absent. */
  file?: string;
}

export function createLogger(options: LoggerOptions): Logger {
  const destination = options.file
    ? pino.destination({ dest: options.file, mkdir: true, sync: false })
    : pino.destination({ fd: 2, sync: true });
  return pino(
    {
      level: options.level,
      base: { app: 'linli' },
      redact: { paths: [...redactedLogPaths], censor: '[redacted]' },
      formatters: { log: (object) => scrubbed(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? maskText(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
