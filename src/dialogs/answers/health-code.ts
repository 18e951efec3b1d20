/** The colour of the health code (健康码) a person reports. */

import { normalize } from './normalize.ts';
import { accept, refuse, type AnswerResult } from './result.ts';

export type HealthCode = 'green' | 'yellow' | 'red';

const COLOURS: readonly { colour: HealthCode; pattern: RegExp }[] = [
  { colour: 'green', pattern: /绿|\bgreen\b/i },
  { colour: 'yellow', pattern: /黄|\byellow\b/i },
  { colour: 'red', pattern: /红|\bred\b/i },
];

// "不是绿码" names a colour without reporting it.
const NEGATED_COLOUR = /(?:不|没|非)(?:是|有)?\s*(?:绿|黄|红)|\b(?:not|no|isn't)\s+(?:a\s+)?(?:green|yellow|red)\b/i;

export function readHealthCode(text: string): AnswerResult<HealthCode> {
  const normalized = normalize(text);
  if (normalized === '') return refuse('answer.empty');
  if (NEGATED_COLOUR.test(normalized)) return refuse('health.unreadable');
  const named = COLOURS.filter(({ pattern }) => pattern.test(normalized));
  const only = named.length === 1 ? named[0] : undefined;
  return only === undefined ? refuse('health.unreadable') : accept(only.colour);
}
