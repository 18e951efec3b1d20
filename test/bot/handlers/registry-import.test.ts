import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { loadDigestCommunity, residentId } from '../../reports/digest-community.ts';

let linli: TestLinli;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-registry-chat-'));
const registry = path.join(dir, '物业底册.csv');

beforeAll(async () => {
  linli = await startTestLinli();
  await loadDigestCommunity(linli);
  fs.writeFileSync(
    registry,
    ['姓名,身份证号,手机号,住址,编号', `张三,${residentId(31)},13800003131,3栋1单元101,P1`, `李四,${residentId(32)},13800003232,长庚里96号201,P2`, '王五,,123,3栋1单元102,P3'].join('\n'),
  );
});
afterAll(async () => {
  await linli?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const dm = async (user: string, text: string) => texts(await say(linli, user, 'dm', text));

describe('导入底册 in a private chat', () => {
  it('takes the file that follows as the registry, never as a landlord\'s list', async () => {
    expect(await dm('李主任', '导入底册')).toContain('请把底册文件');
    const reply = await dm('李主任', `/file ${registry}`);
    expect(reply).toContain('底册「物业底册.csv」已导入：新增2条，已有0条，更新0条，未导入1条。');
    expect(reply).toContain('未导入的行：4 这不像是一个手机号');
    expect(await linli.deps.db.query('SELECT id FROM registry_entries')).toHaveLength(2);
    expect(await linli.deps.db.query('SELECT id FROM roster_drafts')).toHaveLength(0);
    const audit = await linli.deps.db.query("SELECT id FROM audit_log WHERE action = 'registry.import'");
    expect(audit).toHaveLength(1);
  });

  it('is refused to staff whose scope holds no site, and nothing of the file is imported', async () => {
    await dm('周楼长', '/import');
    expect(await dm('周楼长', `/file ${registry}`)).toContain('导入底册需要管理这些地方的工作人员');
    expect(await linli.deps.db.query('SELECT id FROM registry_entries')).toHaveLength(2);
  });
});
