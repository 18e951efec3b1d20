import { describe, expect, it } from 'vitest';
import { readSendTime } from '../../../src/dialogs/answers/index.ts';

const today = '2026-03-04';

describe('readSendTime', () => {
  it.each([
    ['明天8点', { kind: 'at', day: '2026-03-05', hour: 8, minute: 0 }],
    ['3月5日 9:00', { kind: 'at', day: '2026-03-05', hour: 9, minute: 0 }],
    ['3月5日9：30', { kind: 'at', day: '2026-03-05', hour: 9, minute: 30 }],
    ['后天下午3点半', { kind: 'at', day: '2026-03-06', hour: 15, minute: 30 }],
    ['晚上八点', { kind: 'at', day: today, hour: 20, minute: 0 }],
    ['tomorrow 8:30am', { kind: 'at', day: '2026-03-05', hour: 8, minute: 30 }],
    ['现在', { kind: 'now' }],
    ['now', { kind: 'now' }],
  ])('reads %s', (text, expected) => {
    expect(readSendTime(text, today)).toEqual({ ok: true, value: expected });
  });

  it.each([['明天'], ['随便'], ['25点']])('refuses %s', (text) => {
    expect(readSendTime(text, today)).toEqual({ ok: false, reason: 'time.unreadable' });
  });
});
