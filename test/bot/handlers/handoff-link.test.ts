import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakePlatform } from '../../support/fake-platform.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

/**
 * On a platform where the bot cannot write first, 登记 in a group answers with a link that opens
 * the private chat and carries a one-time code; the form goes on there.
 */
let linli: TestLinli;
let tell: ReturnType<typeof fakePlatform>['tell'];

beforeAll(async () => {
  linli = await startTestLinli();
  // Registering needs a community loaded.
  await loadDemo(linli.deps.db, linli.deps.cipher);
  ({ tell } = fakePlatform(linli, 'telegram', { privateInviteLink: (code) => `https://t.me/linli_bot?start=${code}` }));
});
afterAll(async () => {
  await linli?.close();
});

describe('hand-off by link', () => {
  it('invites from the group with a one-time link and resumes the form in the private chat', async () => {
    const [invite] = await tell('42', '-1001', 'group', '登记');
    const code = /start=([A-Z0-9]{6})/.exec(invite ?? '')?.[1];
    expect(invite).toContain('请点这个链接到私聊里继续');
    expect(code).toBeDefined();
    const resumed = await tell('42', '42', 'private', `/start ${code}`);
    expect(resumed.join('\n')).toMatch(/接着来[\s\S]*回复「同意」开始登记/);
    const used = await linli.deps.db.query<{ used: boolean }>('SELECT used_at IS NOT NULL AS used FROM handoff_codes WHERE code = $1', [code]);
    expect(used).toEqual([{ used: true }]);
    expect((await tell('42', '42', 'private', '同意')).join()).toContain('真实姓名');
  });

  it('gives someone who opens a neighbour\'s link a form of their own, and leaves the code', async () => {
    const [invite] = await tell('77', '-1001', 'group', '登记');
    const code = /start=([A-Z0-9]{6})/.exec(invite ?? '')?.[1];
    const other = await tell('88', '88', 'private', `/start ${code}`);
    expect(other.join('\n')).toContain('回复「同意」开始登记');
    expect(other.join('\n')).not.toContain('接着来');
    const open = await linli.deps.db.query<{ used: boolean }>('SELECT used_at IS NOT NULL AS used FROM handoff_codes WHERE code = $1', [code]);
    expect(open).toEqual([{ used: false }]);
  });
});
