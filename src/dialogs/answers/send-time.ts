/** When staff want a notice sent: 现在, 明天8点, 3月5日 9:00, 下午3点半, tomorrow 8:30. */

import { findDate } from './date.ts';
import { parseNumberWord } from './chinese-numerals.ts';
import { normalize } from './normalize.ts';
import { accept, refuse, type AnswerResult } from './result.ts';

/** A wall-clock time in the community's time zone; `now` for at once. */
export type SendTime = { kind: 'now' } | { kind: 'at'; day: string; hour: number; minute: number };

const nowWords = /^(?:现在|马上|立即|立刻|立即发送|现在发|马上发|now|right now|immediately|at once)$/i;
const NUMBER = '(\\d{1,2}|[零一二两三四五六七八九十]{1,3})';
const clockForms: readonly RegExp[] = [
  new RegExp(`(?<period>凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\\s*${NUMBER}\\s*[:：]\\s*(\\d{2})`, 'u'),
  new RegExp(`(?<period>凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\\s*${NUMBER}\\s*[点时](?:\\s*(半|${NUMBER}\\s*分?))?`, 'u'),
  /(?<hour>\d{1,2})(?::(?<minute>\d{2}))?\s*(?<ampm>am|pm)/iu,
];
const afternoon = new Set(['下午', '傍晚', '晚上']);

function readClock(text: string): { hour: number; minute: number; index: number } | undefined {
  const english = clockForms[2]?.exec(text);
  if (english?.groups) {
    const hour = Number(english.groups['hour']) % 12 + (english.groups['ampm']?.toLowerCase() === 'pm' ? 12 : 0);
    return { hour, minute: Number(english.groups['minute'] ?? 0), index: english.index };
  }
  for (const form of clockForms.slice(0, 2)) {
    const match = form.exec(text);
    if (!match) continue;
    const hourWord = match[2];
    let hour = hourWord !== undefined ? parseNumberWord(hourWord) : null;
    const minuteWord = match[3];
    let minute = 0;
    if (minuteWord === '半') minute = 30;
    else if (minuteWord !== undefined) minute = parseNumberWord(minuteWord.replace(/\s*分$/, '')) ?? Number.NaN;
    if (hour === null || hour === undefined) continue;
    const period = match.groups?.['period'];
    if (period && afternoon.has(period) && hour < 12) hour += 12;
    if (period === '中午' && hour < 6) hour += 12;
    return { hour, minute, index: match.index };
  }
  return undefined;
}

/**
 * Reads a time to send. A day without a time is refused (staff should say when); a time without
 * a day is today. Whether it is still to come is the caller's to check: it knows the hour.
 */
export function readSendTime(text: string, today: string): AnswerResult<SendTime> {
  const normalized = normalize(text);
  if (normalized === '') return refuse('answer.empty');
  if (nowWords.test(normalized)) return accept({ kind: 'now' });
  const date = findDate(normalized, today, { allowFuture: true });
  if (date && !date.result.ok) return { ok: false, reason: date.result.reason };
  const rest = date ? normalized.slice(0, date.index) + ' ' + normalized.slice(date.index + date.length) : normalized;
  const clock = readClock(rest);
  if (!clock) return refuse('time.unreadable');
  if (clock.hour > 23 || Number.isNaN(clock.minute) || clock.minute > 59) return refuse('time.unreadable');
  const day = date?.result.ok ? date.result.value : today;
  return accept({ kind: 'at', day, hour: clock.hour, minute: clock.minute });
}
