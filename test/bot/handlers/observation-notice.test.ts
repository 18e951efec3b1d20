import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTranscript } from '../../../src/bot/channels/sandbox.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { loadDigestCommunity, register } from '../../reports/digest-community.ts';

let linli: TestLinli;

beforeAll(async () => {
  linli = await startTestLinli({ settings: { checkinAskAt: '08:30' } });
  await loadDigestCommunity(linli);
});
afterAll(async () => {
  await linli?.close();
});

/** What the bot said privately to a user, in order. */
const privateReplies = async (user: string) =>
  (await readTranscript(linli.deps.db, linli.deps.cipher, {})).filter((line) => line.chat === 'dm' && line.to === user).map((line) => line.text);

describe('a resident whose registration puts them under observation', () => {
  it('is told privately, after the registration, until when and what is asked each morning', async () => {
    await register(linli, '2026-03-05', { user: '赵敏', group: '保利紫山3栋业主群', serial: 21, room: '3栋1单元101', arrived: '昨天' });
    const said = await privateReplies('赵敏');
    const done = said.findIndex((text) => text.includes('登记完成'));
    expect(done).toBeGreaterThan(-1);
    expect(said[done + 1]).toContain('您需要居家观察到2026-03-18');
    expect(said[done + 1]).toContain('每天08:30左右我会在这里问您当天的体温和身体情况，请回复例如「36.5 无不适」');
  });

  it('is not told of an observation by one who did not arrive from outside', async () => {
    await register(linli, '2026-03-05', { user: '钱伟', group: '保利紫山3栋业主群', serial: 22, room: '3栋1单元102' });
    expect((await privateReplies('钱伟')).join('\n')).not.toContain('居家观察到');
  });
});
