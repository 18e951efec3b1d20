import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Paths that could carry personal data if a caller ever logged a whole object.
 * Callers log ids and counts, never message texts; this is the second line of defence.
 */
const redactedPaths = [
  'text',
  '*.text',
  'idNumber',
  '*.idNumber',
  'phone',
  '*.phone',
  'answers',
  '*.answers',
  'name',
  '*.name',
];

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
      redact: { paths: redactedPaths, censor: '[redacted]' },
    },
    destination,
  );
}
