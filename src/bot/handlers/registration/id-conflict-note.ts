import type { JsonValue } from '../../../dialogs/answer-kinds.ts';
import { t } from '../../../dialogs/messages/index.ts';
import { maskIdNumber } from '../../../privacy/index.ts';

const field = (value: JsonValue | undefined, key: string): string | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const inner = value[key];
  return typeof inner === 'string' ? inner : null;
};

/**
 * What a resident is told when the ID number they gave (for themselves or a family member) is
 * registered to someone else: the registration is kept, apart, and they should check the number or
 * ask staff. Whose number it is, is never said.
 */
export function idConflictNote(lang: string, member: number, answers: Record<string, JsonValue>): string {
  const id = maskIdNumber(field(answers['idNumber'], 'number') ?? '');
  if (member === 0) return t(lang, 'registration.id-conflict', { id });
  const name = typeof answers['name'] === 'string' ? answers['name'] : '';
  return t(lang, 'registration.id-conflict.member', { id, name });
}
