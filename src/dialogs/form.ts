import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { errorMessage } from '../errors.ts';

/**
 * Questionnaires are data: an ordered list of questions, each with a prompt per language, the
 * kind of answer it takes, and when it is asked. A campaign switches questions off or rewords them.
 */
export const answerKinds = [
  'consent',
  'name',
  'id-document',
  'mobile',
  'room',
  'choice',
  'text',
  'place',
  'past-date',
  'recent-date',
  'yes-no',
  'city',
  'cities',
  'health-code',
  'integer',
  'test-result',
  'contact',
] as const;
export type AnswerKind = (typeof answerKinds)[number];

const localized = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localized>;

const option = z.object({
  value: z.string().min(1),
  label: localized,
  words: z.array(z.string().min(1)).min(1),
});

const condition = z.object({
  question: z.string().min(1),
  equals: z.union([z.string(), z.boolean(), z.number()]),
});

const question = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  kind: z.enum(answerKinds),
  prompt: localized,
  /** The field's name in the summary. */
  label: localized,
  optional: z.boolean().default(false),
  /** Personal data: masked wherever it is shown, kept encrypted. */
  sensitive: z.boolean().default(false),
  /** Family members registered in the same go share this answer and are not asked again. */
  shared: z.boolean().default(false),
  when: condition.optional(),
  options: z.array(option).optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  /** For recent-date: how many days back an answer may lie. */
  maxDaysAgo: z.number().int().positive().optional(),
  /** For past-date: a month without its day (2019年6月) is an answer, kept as 'YYYY-MM'. */
  month: z.boolean().default(false),
  /** Optional for the family members after the resident (a child has no phone). */
  optionalForMembers: z.boolean().default(false),
  /** The prompt for a family member, about them: 「这位家人的姓名？」. */
  memberPrompt: localized.optional(),
});
export type Question = z.infer<typeof question>;
export type ChoiceOptionDefinition = z.infer<typeof option>;

export const formSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.number().int().positive(),
    title: localized,
    /** After the resident, offer to register family members living in the same room. */
    household: z.boolean().default(false),
    questions: z.array(question).min(1),
  })
  .superRefine((form, context) => {
    const seen = new Set<string>();
    form.questions.forEach((q, index) => {
      if (seen.has(q.id)) context.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: `question ${q.id} appears twice` });
      if (q.when && !seen.has(q.when.question)) {
        context.addIssue({ code: 'custom', path: ['questions', index, 'when'], message: `depends on ${q.when.question}, which is not asked before it` });
      }
      if (q.kind === 'choice' && (q.options?.length ?? 0) < 2) {
        context.addIssue({ code: 'custom', path: ['questions', index, 'options'], message: 'a choice needs at least two options' });
      }
      seen.add(q.id);
    });
  });
export type FormDefinition = z.infer<typeof formSchema>;

/** What a campaign changes in a form: questions switched off, prompts reworded. */
export const formSettingsSchema = z.object({
  disabled: z.array(z.string()).default([]),
  prompts: z.record(z.string(), localized.partial()).default({}),
});
export type FormSettings = z.infer<typeof formSettingsSchema>;

export class FormError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormError';
  }
}

export function parseForm(text: string, source: string): FormDefinition {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new FormError(`${source}: ${errorMessage(error)}`);
  }
  const parsed = formSchema.safeParse(data);
  if (!parsed.success) {
    throw new FormError(`${source}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** A campaign's version of a form; a question that others depend on cannot be switched off. */
export function applyFormSettings(form: FormDefinition, settings: FormSettings): FormDefinition {
  for (const id of settings.disabled) {
    if (!form.questions.some((q) => q.id === id)) throw new FormError(`${form.id}: no question ${id} to switch off`);
    const dependent = form.questions.find((q) => q.when?.question === id && !settings.disabled.includes(q.id));
    if (dependent) throw new FormError(`${form.id}: ${dependent.id} depends on ${id}; switch both off`);
  }
  return {
    ...form,
    questions: form.questions
      .filter((q) => !settings.disabled.includes(q.id))
      .map((q) => ({ ...q, prompt: { ...q.prompt, ...settings.prompts[q.id] } })),
  };
}

const formsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'forms');
const cache = new Map<string, FormDefinition>();

/** A form shipped with Linli, by id (the file forms/<id>.yaml). */
export function loadForm(id: string): FormDefinition {
  const cached = cache.get(id);
  if (cached) return cached;
  const file = path.join(formsDir, `${id}.yaml`);
  if (!/^[a-z][a-z0-9-]*$/.test(id) || !fs.existsSync(file)) throw new FormError(`no form ${id}`);
  const form = parseForm(fs.readFileSync(file, 'utf8'), `${id}.yaml`);
  cache.set(id, form);
  return form;
}
