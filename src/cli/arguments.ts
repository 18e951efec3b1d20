import { isExists } from 'date-fns';
import { InvalidArgumentError } from 'commander';

/** Command-line values, checked as commander reads them, with a message that says what to write. */

/** A calendar day written YYYY-MM-DD. */
export function isoDay(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match || !isExists(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) {
    throw new InvalidArgumentError('expected a date like 2026-03-05');
  }
  return value;
}

/** A whole number from `min` to `max`, e.g. days or milliseconds. */
export function wholeNumber(min: number, max: number, what: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
      throw new InvalidArgumentError(`expected ${what}: a whole number from ${min} to ${max}`);
    }
    return number;
  };
}
