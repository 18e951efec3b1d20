import type { Question } from './form.ts';

/**
 * The answers in a message of several lines (name, ID number, phone pasted at once), or the one
 * answer when it is a single line or the question takes free text, where a line break is part of it.
 */
export function pastedLines(question: Question, text: string): string[] {
  if (question.kind === 'text') return [text];
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.length > 1 ? lines : [text];
}
