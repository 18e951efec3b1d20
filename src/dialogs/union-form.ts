import type { JsonValue } from './answer-kinds.ts';
import type { FormDefinition, Localized, Question } from './form.ts';

/**
 * Several campaigns asked in one go: one form over the union of their questions, the first form's
 * in its order, then each other form's new ones. A question is shared when it has the same id and
 * kind in both forms: it is asked once, in the first form's words. A question of the same id but
 * another kind is a different question, asked under an id of its own.
 */
export interface FormPart {
  form: FormDefinition;
  /** The id of each of this form's questions in the united form, by its own id. */
  ids: Record<string, string>;
}

export interface UnitedForm {
  form: FormDefinition;
  parts: FormPart[];
}

const joined = (texts: readonly Localized[]): Localized => ({
  'zh-CN': texts.map((text) => text['zh-CN']).join('、'),
  en: texts.map((text) => text.en).join(', '),
});

const joinedPrompts = (first: Localized, next: Localized): Localized => ({
  'zh-CN': `${first['zh-CN']}\n\n${next['zh-CN']}`,
  en: `${first.en}\n\n${next.en}`,
});

function freeId(taken: ReadonlyMap<string, Question>, id: string): string {
  for (let n = 2; ; n += 1) if (!taken.has(`${id}${n}`)) return `${id}${n}`;
}

export function uniteForms(forms: readonly FormDefinition[]): UnitedForm {
  const [first] = forms;
  if (!first) throw new Error('no form to ask');
  if (forms.length === 1) return { form: first, parts: [{ form: first, ids: Object.fromEntries(first.questions.map((q) => [q.id, q.id])) }] };
  const questions = new Map<string, Question>();
  const parts = forms.map((form): FormPart => {
    const ids: Record<string, string> = {};
    for (const question of form.questions) {
      const same = questions.get(question.id);
      if (same?.kind === question.kind) {
        ids[question.id] = question.id;
        // Agreeing once is agreeing to each campaign's use of the data: every one says what it keeps.
        if (question.kind === 'consent') questions.set(question.id, { ...same, prompt: joinedPrompts(same.prompt, question.prompt) });
        continue;
      }
      const id = same ? freeId(questions, question.id) : question.id;
      ids[question.id] = id;
      // A condition on a question of this form points at that question where the union keeps it.
      const when = question.when ? { ...question.when, question: ids[question.when.question] ?? question.when.question } : undefined;
      questions.set(id, { ...question, id, ...(when ? { when } : {}) });
    }
    return { form, ids };
  });
  return {
    form: {
      id: forms.map((form) => form.id).join('+'),
      version: first.version,
      title: joined(forms.map((form) => form.title)),
      household: forms.some((form) => form.household),
      questions: [...questions.values()],
    },
    parts,
  };
}

/** The answers of one form, under its own ids, out of the answers to the united form. */
export function answersOf(part: FormPart, answers: Record<string, JsonValue>): Record<string, JsonValue> {
  const own: Record<string, JsonValue> = {};
  for (const [ownId, unitedId] of Object.entries(part.ids)) {
    const value = answers[unitedId];
    if (value !== undefined) own[ownId] = value;
  }
  return own;
}
