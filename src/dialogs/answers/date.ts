/** Dates as people write them in chat: 昨天, 上周三, 3月1日, 2022.12.1, 12/1, Dec 1, 3 days ago. */

import { isValid } from 'date-fns';
import { formatDay, parseToday, type DateContext } from './calendar.ts';
import { DATE_FORMS } from './date-forms.ts';
import { normalize, toHalfWidth } from './normalize.ts';
import { accept, refuse, type AnswerResult, type Found } from './result.ts';

export interface DateOptions {
  /**
   * A date written without its year (12/1), week (周五) or month (15号) is normally the most recent
   * such day not after today; with allowFuture it is the nearest one, past or coming.
   */
  allowFuture?: boolean;
}

/**
 * Reads a date; `today` is 'YYYY-MM-DD' in the community's time zone. The result is 'YYYY-MM-DD'.
 * Dates written in full are returned even when they are in the future; see readPastDate.
 */
export function readDate(text: string, today: string, options: DateOptions = {}): AnswerResult<string> {
  const normalized = normalize(text);
  if (normalized === '') return refuse('answer.empty');
  return findIn(normalized, context(today, options))?.result ?? refuse('date.unreadable');
}

/** A date that has already come: today or before. */
export function readPastDate(text: string, today: string): AnswerResult<string> {
  const result = readDate(text, today);
  if (result.ok && result.value > today) return refuse('date.future');
  return result;
}

/**
 * The first date mentioned in a longer line, such as a roster row ('3月1日入住', '2022.12.1搬进来').
 * Indices refer to the original text; a mention of a day the calendar does not have is refused 'date.invalid'.
 */
export function findDate(text: string, today: string, options: DateOptions = {}): Found<string> | null {
  const found = findIn(toHalfWidth(text), context(today, options));
  return found && { ...found, text: text.slice(found.index, found.index + found.length) };
}

function context(today: string, options: DateOptions): DateContext {
  return { today: parseToday(today), allowFuture: options.allowFuture ?? false };
}

// The leftmost mention wins, and of those starting at the same place the longest (2022.12.1 over 12.1).
function findIn(text: string, dateContext: DateContext): Found<string> | null {
  let best: Found<string> | null = null;
  for (const { pattern, resolve } of DATE_FORMS) {
    pattern.lastIndex = 0;
    const match = pattern.exec(text);
    if (match === null) continue;
    if (best !== null && (match.index > best.index || (match.index === best.index && match[0].length <= best.length))) continue;
    const day = resolve(match.groups ?? {}, dateContext);
    const result = day !== null && isValid(day) ? accept(formatDay(day)) : refuse<string>('date.invalid');
    best = { index: match.index, length: match[0].length, text: match[0], result };
  }
  return best;
}
