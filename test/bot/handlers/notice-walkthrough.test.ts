import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from '../../support/child.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { until } from '../../support/until.ts';
import { loadDigestCommunity, register, today } from '../../reports/digest-community.ts';

/** The sandbox walk-through of a new staff member: 发布通知 to all groups, preview, 确认; a resident's 收到; the status. */
let linli: TestLinli;

beforeAll(async () => {
  linli = await startTestLinli({ onDisk: true });
  await loadDigestCommunity(linli);
  await register(linli, today, { user: '赵敏', group: '保利紫山3栋业主群', serial: 21, room: '3栋1单元101' });
}, 180_000);
afterAll(async () => {
  await linli?.close();
});

const transcriptOf = async (chat: string) => {
  const rows = await linli.deps.db.query<{ text_enc: string }>(
    `SELECT t.text_enc FROM sandbox_transcript t JOIN chats c ON c.id = t.chat_id WHERE c.platform_chat_id = $1 ORDER BY t.id`,
    [chat],
  );
  return rows.map((row) => linli.deps.cipher.decrypt(row.text_enc));
};

describe('a notice from a staff member to every group', () => {
  it('goes through the dialog, reaches the groups once, and counts the household that acknowledged', async () => {
    await converse(linli, '李主任', 'dm', [
      ['发布通知', '请发送通知的正文'],
      ['明天上午9点到12点停水，请提前储水。\n如有问题请联系物业。', '要附图片或 PDF 吗'],
      ['跳过', '发给哪些群'],
      ['全部', '什么时候发'],
      ['现在', '多少小时内'],
      ['跳过', '置顶'],
      ['否', '【通知预览】'],
    ]);
    const preview = texts(await say(linli, '李主任', 'dm', '修改 5'));
    expect(preview).toContain('多少小时内');
    const again = texts(await say(linli, '李主任', 'dm', '24'));
    expect(again).toContain('1. 正文：\n明天上午9点到12点停水，请提前储水。\n如有问题请联系物业。');
    expect(again).toContain('3. 范围：全部（6个群，约1户）');
    expect(again).toContain('5. 回复期限：24小时');
    expect(again).toContain('· 保利紫山3栋业主群（保利紫山/3栋）');
    expect(again).toContain('预计 1 分钟内发完');
    expect(texts(await say(linli, '李主任', 'dm', '确认'))).toContain('通知 #1 开始发送，共6个群');

    await until(async () => (await transcriptOf('保利紫山3栋业主群')).some((text) => text.startsWith('【社区通知 #1】')));
    const group = await transcriptOf('保利紫山3栋业主群');
    expect(group.filter((text) => text.startsWith('【社区通知 #1】'))).toEqual([
      '【社区通知 #1】\n明天上午9点到12点停水，请提前储水。\n如有问题请联系物业。\n\n看到请回复「收到」。',
    ]);

    // The acknowledgement is not answered in the group.
    expect(await say(linli, '赵敏', '保利紫山3栋业主群', '收到', today)).toEqual([]);

    const status = await runNode([path.resolve('bin/linli.js'), 'notice', 'status', '1', '--json'], { env: linli.childEnv });
    expect(status.stderr).toBe('');
    const json = JSON.parse(status.stdout) as { delivered: number; chats: { chat: string; status: string; households: number; acknowledgedHouseholds: number }[] };
    expect(json.delivered).toBe(6);
    expect(json.chats.find((chat) => chat.chat === '保利紫山3栋业主群')).toMatchObject({ status: 'delivered', households: 1, acknowledgedHouseholds: 1 });

    const text = await runNode([path.resolve('bin/linli.js'), 'notice', 'status', '1'], { env: linli.childEnv });
    expect(text.stdout).toContain('【通知 #1】送达6个群，待发0个，失败0个；1/1户回复了「收到」（100%）。');
    const inChat = texts(await say(linli, '李主任', 'dm', '通知情况 1'));
    expect(inChat).toContain('保利紫山3栋业主群（保利紫山/3栋）：已送达，1/1户、1/1人已回复');
    expect(inChat).toContain('社区工作群（幸福社区）：已送达，0/0户、0/0人已回复');
    // The group with the lowest rate comes first, the one that acknowledged last.
    expect(inChat.trim().split('\n').at(-1)).toContain('保利紫山3栋业主群');
  }, 120_000);
});
