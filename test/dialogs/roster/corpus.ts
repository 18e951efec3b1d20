/** Loads the roster corpus: messages with the exact parse the rules must give. */

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { PROBLEM_CODES, type RosterEntry, type RosterRow } from '../../../src/dialogs/roster/entry.ts';

const CORPUS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');
export const CORPUS_TODAY = '2026-03-05';

// Long numbers unquoted in YAML are integers; read as bigint they keep every digit.
const text = z.preprocess((value) => (typeof value === 'bigint' || typeof value === 'number' ? String(value) : value), z.string());
const nullableText = text.nullable().default(null);
const lineNumber = z.preprocess((value) => (typeof value === 'bigint' ? Number(value) : value), z.number().int().positive());

const entrySchema = z
  .object({
    line: lineNumber,
    name: nullableText,
    id: nullableText,
    phone: nullableText,
    room: z.tuple([text, text.nullable(), text.nullable(), text.nullable()]).nullable().default(null),
    moveIn: nullableText,
    action: z.enum(['add', 'remove', 'update']).default('add'),
    problems: z.array(z.enum(PROBLEM_CODES)).default([]),
  })
  .strict();

const caseSchema = z
  .object({
    name: z.string(),
    /** What kind of difficulty the case shows, for the figures per category. */
    category: z.string().default('other'),
    text: z.string(),
    today: text.default(CORPUS_TODAY),
    isRoster: z.boolean().default(true),
    requireRoom: z.boolean().default(true),
    unread: z.array(lineNumber).default([]),
    entries: z.array(entrySchema).default([]),
  })
  .strict();

export interface CorpusCase {
  file: string;
  name: string;
  category: string;
  text: string;
  today: string;
  isRoster: boolean;
  requireRoom: boolean;
  unread: number[];
  entries: RosterRow[];
}

function rowOf(entry: z.infer<typeof entrySchema>): RosterRow {
  const [raw, building, unit, room] = entry.room ?? [];
  const rosterEntry: RosterEntry = {
    name: entry.name,
    idNumber: entry.id,
    phone: entry.phone,
    room: raw === undefined ? null : { raw, building: building ?? null, unit: unit ?? null, room: room ?? null },
    moveIn: entry.moveIn,
    action: entry.action,
    valid: entry.problems.length === 0,
    problems: entry.problems,
  };
  return { lineNo: entry.line, entry: rosterEntry };
}

/** The cases the rules are tuned on; `held-out` the ones kept apart to see whether the rules generalise. */
export function loadCorpus(part: 'tuning' | 'held-out' = 'tuning'): CorpusCase[] {
  const dir = part === 'tuning' ? CORPUS_DIR : path.join(CORPUS_DIR, 'held-out');
  const files = readdirSync(dir).filter((file) => file.endsWith('.yaml')).sort();
  return files.flatMap((file) => {
    const cases = z.array(caseSchema).parse(parse(readFileSync(path.join(dir, file), 'utf8'), { intAsBigInt: true }));
    return cases.map((c) => ({
      file,
      name: c.name,
      category: c.category,
      // A block scalar ends with a newline that no one typed.
      text: c.text.replace(/\n$/, ''),
      today: c.today,
      isRoster: c.isRoster,
      requireRoom: c.requireRoom,
      unread: c.unread,
      entries: c.entries.map(rowOf),
    }));
  });
}
