import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telegramPacing } from '../../src/bot/channels/telegram/limits.ts';
import { reserveSlot } from '../../src/bot/pacing.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

/** Each test starts an hour after the last, so that the platform's slot of one does not reach the next. */
let now = new Date('2026-03-05T01:00:00.000Z');
const nextHour = () => {
  now = new Date(now.getTime() + 3_600_000);
};
const offsets = async (chat: { id: number; isGroup: boolean }, count: number) => {
  const slots: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const slot = await t.db.transaction((tx) => reserveSlot(tx, 'telegram', chat, telegramPacing, now));
    slots.push(slot.getTime() - now.getTime());
  }
  return slots;
};

describe('pacing on Telegram', () => {
  it('spaces a private chat a second apart', async () => {
    nextHour();
    expect(await offsets({ id: 1, isGroup: false }, 3)).toEqual([0, 1000, 2000]);
  });

  it('spaces a group three seconds apart: 20 a minute', async () => {
    nextHour();
    expect(await offsets({ id: 2, isGroup: true }, 3)).toEqual([0, 3000, 6000]);
  });

  it('keeps the whole platform under 30 messages a second', async () => {
    nextHour();
    const slots = await Promise.all([3, 4, 5, 6].map((id) => offsets({ id, isGroup: false }, 1)));
    const firsts = slots.map((s) => s[0] ?? 0).sort((a, b) => a - b);
    for (let i = 1; i < firsts.length; i += 1) expect((firsts[i] ?? 0) - (firsts[i - 1] ?? 0)).toBeGreaterThanOrEqual(34);
  });
});
