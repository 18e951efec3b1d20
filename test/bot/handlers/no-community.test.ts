import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { converse } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

/** A Linli started with --no-demo, before staff ran `linli setup`: no community, no places. */
let linli: TestLinli;

beforeAll(async () => {
  linli = await startTestLinli();
});
afterAll(async () => {
  await linli?.close();
});

describe('registering before any community is loaded', () => {
  it('tells the resident that staff must load the community first, and starts no form', async () => {
    await converse(linli, '王芳', 'dm', [['登记', '请社区工作人员先载入社区']]);
    await converse(linli, '李雷', '3栋业主群', [['@邻里 登记', '请社区工作人员先载入社区']]);
    await converse(linli, 'Tom', 'dm', [['/lang en', 'English'], ['register', 'Community staff must load it first']]);
    const sessions = await linli.deps.db.query('SELECT id FROM dialog_sessions');
    expect(sessions).toEqual([]);
  });
});
