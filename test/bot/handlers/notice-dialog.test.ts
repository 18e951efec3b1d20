import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNotice } from '../../../src/store/notices.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { until } from '../../support/until.ts';
import { loadDigestCommunity } from '../../reports/digest-community.ts';

/** The notice dialog as staff use it: bounded by their scope, back and cancel, a file, a time. */
let linli: TestLinli;
const dm = async (user: string, text: string) => texts(await say(linli, user, 'dm', text));

beforeAll(async () => {
  // The sandbox's day is 2026-03-05 (see say): the bot's clock is 10:00 of it.
  linli = await startTestLinli({ clock: () => new Date('2026-03-05T10:00:00+08:00') });
  await loadDigestCommunity(linli);
}, 180_000);
afterAll(async () => {
  await linli?.close();
});

describe('the notice dialog', () => {
  it('is for staff only, and only in a private chat', async () => {
    expect(await dm('王芳', '发布通知')).toBe('只有社区工作人员可以发布通知。');
    expect(texts(await say(linli, '周楼长', '保利紫山3栋业主群', '/notice'))).toContain('请私聊我');
  });

  it('keeps a building leader to their own groups, goes back and cancels', async () => {
    await converse(linli, '周楼长', 'dm', [
      ['发布通知', '请发送通知的正文'],
      ['3栋电梯今天下午检修。', '要附图片或 PDF 吗'],
      ['返回', '请发送通知的正文'],
      ['3栋电梯今天下午2点到4点检修。', '要附图片或 PDF 吗'],
      ['跳过', '发给哪些群'],
      ['site:长庚里', '不在您负责的范围里：长庚里租户群（长庚里）'],
      ['building:保利紫山/9栋', '没有看懂发送范围'],
      ['全部', '什么时候发'],
      ['昨天8点', '这个时间已经过去了'],
      ['现在', '多少小时内'],
      ['跳过', '置顶'],
    ]);
    const preview = await dm('周楼长', '否');
    expect(preview).toContain('3. 范围：全部（1个群，约0户）');
    expect(preview).toContain('· 保利紫山3栋业主群（保利紫山/3栋）');
    expect(preview).not.toContain('长庚里');
    expect(await dm('周楼长', '取消')).toBe('好的，已取消，通知没有发出。');
    expect((await linli.deps.db.query('SELECT 1 FROM notices'))).toHaveLength(0);
  });

  it('schedules a notice for a later time, with a picture', async () => {
    const picture = path.join(linli.config.dataDir, '停水示意图.png');
    fs.writeFileSync(picture, Buffer.from('89504e470d0a1a0a', 'hex'));
    await converse(linli, '李主任', 'dm', [
      ['/notice', '请发送通知的正文'],
      ['后天上午停水。\n请提前储水。', '要附图片或 PDF 吗'],
      ['随便写的', '请直接发送图片或 PDF 文件'],
      [`/file ${picture}`, '发给哪些群'],
      ['site:保利紫山, kind:market', '什么时候发'],
      ['明天8点', '多少小时内'],
      ['6', '置顶'],
    ]);
    const preview = await dm('李主任', '是');
    expect(preview).toContain('2. 附件：停水示意图.png');
    expect(preview).toContain('3. 范围：site:保利紫山, kind:market（4个群');
    expect(preview).toContain('4. 发送时间：2026-03-06 08:00');
    expect(preview).toContain('6. 置顶：是');
    const done = await dm('李主任', '确认');
    expect(done).toMatch(/^通知 #(\d+) 将在 2026-03-06 08:00 发送，共4个群。$/);
    const id = Number(/#(\d+)/.exec(done)?.[1]);
    const notice = await getNotice(linli.deps.db, linli.deps.cipher, id);
    expect(notice).toMatchObject({ status: 'scheduled', ackHours: 6, pin: true, body: '后天上午停水。\n请提前储水。', attachmentName: '停水示意图.png' });
    const delay = await linli.deps.jobs.delayOf('timers', `notice-send-${id}`);
    // 22 hours from the bot's 10:00 to 8:00 the next day.
    expect(delay).toBeGreaterThan(22 * 3_600_000 - 60_000);
    expect(delay).toBeLessThanOrEqual(22 * 3_600_000);
    expect(await dm('李主任', `通知情况 ${id}`)).toMatch(new RegExp(`^通知 #${id} 还没有发出，将在 .* 08:00 发送。$`));

    // Its time comes: the picture goes with it.
    await linli.deps.jobs.promote('timers', `notice-send-${id}`);
    await until(async () => (await getNotice(linli.deps.db, linli.deps.cipher, id))?.status === 'sent');
    await until(async () => (await linli.deps.db.query(`SELECT 1 FROM outbox o JOIN deliveries d ON d.outbox_id = o.id WHERE d.notice_id = $1 AND o.status = 'sent'`, [id])).length === 4);
    const group = texts(await say(linli, '赵敏', '保利紫山3栋业主群', '最新通知'));
    expect(group).toContain(`#${id}`);
    expect(group).toContain('后天上午停水。');
    const shown = await linli.deps.db.query<{ text_enc: string }>(
      `SELECT t.text_enc FROM sandbox_transcript t JOIN chats c ON c.id = t.chat_id WHERE c.platform_chat_id = '保利紫山3栋业主群' ORDER BY t.id DESC LIMIT 5`,
    );
    expect(shown.map((row) => linli.deps.cipher.decrypt(row.text_enc)).join('\n')).toContain('📎 停水示意图.png');

    expect(await dm('李主任', `撤回通知 ${id}`)).toContain(`通知 #${id} 已撤回（4个群）`);
    await until(async () => (await getNotice(linli.deps.db, linli.deps.cipher, id))?.status === 'recalled');
    expect(await dm('王芳', '/notices')).toBe('您所在的地方最近没有通知。');
  });
});
