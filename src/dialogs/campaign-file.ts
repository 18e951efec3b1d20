import fs from 'node:fs';
import { isExists } from 'date-fns';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { applyFormSettings, FormError, formSettingsSchema, loadForm } from './form.ts';
import { campaignSettingsObject, checkOwnForm, type CampaignSettings } from '../store/campaigns.ts';

/**
 * A campaign's settings file (YAML or JSON): its settings (form, ownForm, scope, promptAt,
 * reminders, observationDays) and, optionally, its dates, retention and form. Unknown keys are
 * errors, and every error names the line of the file it is about.
 */
const isoDay = z
  .string()
  .refine((value) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return match !== null && isExists(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  }, 'a date is written YYYY-MM-DD, e.g. 2026-12-20');

export const campaignFileSchema = campaignSettingsObject
  .extend({
    // Strict here too: a misspelt key inside the form's settings is an error, not dropped.
    form: formSettingsSchema.strict().default({ disabled: [], prompts: {} }),
    starts: isoDay.optional(),
    ends: isoDay.optional(),
    retentionDays: z.number().int().min(1).max(3650).optional(),
    /** The shipped form it runs (default: registration); with ownForm, that form's id. */
    formId: z.string().regex(/^[a-z][a-z0-9-]*$/).optional(),
  })
  .strict()
  .superRefine((file, context) => {
    checkOwnForm(file, context);
    if (file.starts && file.ends && file.ends < file.starts) context.addIssue({ code: 'custom', path: ['ends'], message: `ends before it starts (${file.starts})` });
  });

export interface CampaignFile {
  settings: CampaignSettings;
  formId: string;
  starts?: string;
  ends?: string;
  retentionDays?: number;
}

export class CampaignFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CampaignFileError';
  }
}

type Path = readonly PropertyKey[];

/**
 * The line (1-based) a path of the file is written on: the key of the deepest part the file has
 * (a missing setting points at the map it belongs in, an unknown key at itself).
 */
function lineOf(document: Document, counter: LineCounter, path: Path): number {
  let node: unknown = document.contents;
  let offset = isNode(node) ? (node.range?.[0] ?? 0) : 0;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair || !isScalar(pair.key)) break;
      offset = pair.key.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part];
      if (!isNode(item)) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return counter.linePos(offset).line;
}

const questionIdAt = (data: unknown, index: number): string | undefined => {
  const own = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['ownForm'] : undefined;
  const questions = typeof own === 'object' && own !== null ? (own as Record<string, unknown>)['questions'] : undefined;
  const question: unknown = Array.isArray(questions) ? questions[index] : undefined;
  const id = typeof question === 'object' && question !== null ? (question as Record<string, unknown>)['id'] : undefined;
  return typeof id === 'string' ? id : undefined;
};

/** `ownForm question needsVisit (number 3), kind`: a question of a form of its own by its id, as staff wrote it. */
function pathText(path: Path, data: unknown): string {
  if (path[0] === 'ownForm' && path[1] === 'questions' && typeof path[2] === 'number') {
    const rest = path.slice(3).map(String).join('.');
    return `ownForm question ${questionIdAt(data, path[2]) ?? '(no id)'} (number ${path[2] + 1})${rest ? `, ${rest}` : ''}`;
  }
  return path.map(String).join('.');
}

/** Reads and checks a settings file; CampaignFileError names the file, the line and what is wrong. */
export function readCampaignFile(file: string, text = fs.readFileSync(file, 'utf8')): CampaignFile {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const [syntax] = document.errors;
  if (syntax) {
    const line = counter.linePos(syntax.pos[0]).line;
    throw new CampaignFileError(`${file}:${line}: ${syntax.message.split('\n')[0] ?? syntax.code}`);
  }
  const data: unknown = document.toJS() ?? {};
  const parsed = campaignFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => `${file}:${lineOf(document, counter, [...issue.path, key])}: ${pathText([...issue.path, key], data)}: not a setting`);
      }
      const where = issue.path.length > 0 ? `${pathText(issue.path, data)}: ` : '';
      return [`${file}:${lineOf(document, counter, issue.path)}: ${where}${issue.message}`];
    });
    throw new CampaignFileError(problems.join('\n'));
  }
  const { starts, ends, retentionDays, formId, ...settings } = parsed.data;
  const id = settings.ownForm?.id ?? formId ?? 'registration';
  try {
    applyFormSettings(settings.ownForm ?? loadForm(id), settings.form);
  } catch (error) {
    if (!(error instanceof FormError)) throw error;
    const at = settings.ownForm || formId === undefined ? ['form'] : ['formId'];
    throw new CampaignFileError(`${file}:${lineOf(document, counter, at)}: ${error.message}`);
  }
  return { settings, formId: id, ...(starts ? { starts } : {}), ...(ends ? { ends } : {}), ...(retentionDays ? { retentionDays } : {}) };
}
