import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { formOfCampaign } from '../dialogs/campaign-form.ts';
import { FormError } from '../dialogs/form.ts';
import { campaignSettingsSchema, type CampaignSettings } from './campaigns.ts';

/** A campaign's settings file that cannot be used: each problem names its line and, where it is one, the question. */
export class CampaignSettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'CampaignSettingsError';
  }
}

type PathKey = string | number;

/** The line of the deepest part of `path` the file has (a missing key points at its parent). */
function lineOf(doc: Document, lines: LineCounter, path: readonly PathKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

const questionIdAt = (data: unknown, index: number): string | undefined => {
  const own = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['ownForm'] : undefined;
  const questions = typeof own === 'object' && own !== null ? (own as Record<string, unknown>)['questions'] : undefined;
  const question: unknown = Array.isArray(questions) ? questions[index] : undefined;
  const id = typeof question === 'object' && question !== null ? (question as Record<string, unknown>)['id'] : undefined;
  return typeof id === 'string' ? id : undefined;
};

/** `ownForm question needsVisit (3rd), kind`: the question by its id, as staff wrote it. */
function where(data: unknown, path: readonly PathKey[]): string {
  if (path[0] === 'ownForm' && path[1] === 'questions' && typeof path[2] === 'number') {
    const index = path[2];
    const id = questionIdAt(data, index);
    const rest = path.slice(3).join('.');
    return `ownForm question ${id ?? '(no id)'} (number ${index + 1})${rest ? `, ${rest}` : ''}`;
  }
  return path.length > 0 ? path.join('.') : '(the file)';
}

function describe(doc: Document, lines: LineCounter, data: unknown, source: string, issue: z.core.$ZodIssue): string {
  const path = issue.path.filter((key): key is PathKey => typeof key !== 'symbol');
  const line = lineOf(doc, lines, path);
  return `${source}${line === undefined ? '' : ` line ${line}`}: ${where(data, path)}: ${issue.message}`;
}

/**
 * Reads a campaign's settings, written in YAML or JSON, for the shipped form `formId` unless it has a
 * form of its own. CampaignSettingsError lists everything wrong, by line and question.
 */
export function parseCampaignSettings(text: string, source: string, formId = 'registration'): CampaignSettings {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new CampaignSettingsError(doc.errors.map((error) => `${source} line ${error.linePos?.[0].line ?? '?'}: ${error.message.split('\n')[0] ?? ''}`));
  }
  const data: unknown = doc.toJS() ?? {};
  const parsed = campaignSettingsSchema.safeParse(data);
  if (!parsed.success) throw new CampaignSettingsError(parsed.error.issues.map((issue) => describe(doc, lines, data, source, issue)));
  try {
    formOfCampaign({ formId: parsed.data.ownForm?.id ?? formId, settings: parsed.data });
  } catch (error) {
    if (!(error instanceof FormError)) throw error;
    throw new CampaignSettingsError([`${source} line ${lineOf(doc, lines, ['form']) ?? 1}: form: ${error.message}`]);
  }
  return parsed.data;
}
