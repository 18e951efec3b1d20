import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../../src/store/demo.ts';
import { listAudit } from '../../../src/store/audit-log.ts';
import { say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

/** Staff commands tried by a resident: a polite refusal that says what to do, and a line in the audit log. */
let linli: TestLinli;
beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
});
afterAll(async () => {
  await linli?.close();
});

const refusals = async () =>
  (await listAudit(linli.deps.db, { timeZone: 'Asia/Shanghai' })).filter((entry) => entry.action === 'refused').map((entry) => entry.details);

describe('a staff command from a resident', () => {
  it('is refused politely, in private and as a command in a group, and each refusal is kept', async () => {
    for (const text of ['日报', '/find 赵丽', '档口情况', '导入底册']) {
      const reply = texts(await say(linli, '孙小梅', 'dm', text));
      expect(reply, `after ${text}`).toContain('社区工作人员使用的功能');
      expect(reply).toContain('人工');
    }
    expect(texts(await say(linli, '孙小梅', '保利紫山3栋业主群', '/digest'))).toContain('社区工作人员使用的功能');
    expect(texts(await say(linli, '孙小梅', 'dm', '发布通知'))).toContain('工作人员');
    expect(texts(await say(linli, '孙小梅', '保利紫山3栋业主群', '/bind ABC123'))).toContain('工作人员');
    const kept = await refusals();
    expect(kept.map((details) => details.command).sort()).toEqual(['bind', 'digest', 'digest', 'find', 'import', 'notice', 'shops'].sort());
    expect(kept.every((details) => details.reason === 'not-staff')).toBe(true);
    // Nothing personal in what is kept: not the name searched for.
    expect(JSON.stringify(kept)).not.toContain('赵丽');
  });

  it('is no command when said in a group conversation, and staff still get what they asked for', async () => {
    const before = (await refusals()).length;
    expect(texts(await say(linli, '孙小梅', '保利紫山3栋业主群', '日报'))).not.toContain('工作人员使用的功能');
    expect(await refusals()).toHaveLength(before);
    expect(texts(await say(linli, '李主任', 'dm', '日报'))).not.toContain('工作人员使用的功能');
    expect(await refusals()).toHaveLength(before);
  });
});
