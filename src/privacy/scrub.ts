import { maskText } from './mask.ts';

/**
 * Fields that could carry personal data if a caller ever logged a whole object.
 * Callers log ids and counts, never message texts; this is the second line of defence.
 */
export const redactedLogPaths: readonly string[] = [
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

/** Masks every ID-like and phone-like number in the strings of a value, however deep: a free text that slipped in stays unreadable. */
export function scrubbed(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: maskText(value.message) };
  if (Array.isArray(value)) return value.map((item) => scrubbed(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubbed(item, depth + 1)]));
}
