import { pino, type Logger } from 'pino';
import { maskText } from './store/mask.ts';

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

/** Masks every ID-like and phone-like number in the strings of a log line, however deep: a free text that slipped in stays unreadable. */
export function scrubbed(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: maskText(value.message) };
  if (Array.isArray(value)) return value.map((item) => scrubbed(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubbed(item, depth + 1)]));
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
