import { addDays, format, parseISO } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDialogTimer } from '../../../src/jobs/dialog-timers.ts';
import { campaignsNamed } from '../../../src/store/campaigns.ts';
import { say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { converseOn, loadDigestCommunity, register, today } from '../../reports/digest-community.ts';

/**
 * A committee's campaign as staff start it in a private chat (发起登记), bounded by their scope,
 * with back and 修改 N; then its progress (登记进度) as residents register, and its end.
 * The store stamps rows with the database's clock, so the campaign runs on the real today.
 */
let linli: TestLinli;
const dm = async (user: string, text: string) => texts(await say(linli, user, 'dm', text, today));
const dayAfter = (days: number) => format(addDays(parseISO(today), days), 'yyyy-MM-dd');

beforeAll(async () => {
  linli = await startTestLinli();
  await loadDigestCommunity(linli);
}, 180_000);
afterAll(async () => {
  await linli?.close();
});

describe('the campaign dialog', () => {
  it('is for staff only, and only in a private chat', async () => {
    expect(await dm('王芳', '发起登记')).toContain('只有社区工作人员可以发起或查看登记活动');
    expect(await dm('王芳', '登记进度')).toContain('只有社区工作人员可以发起或查看登记活动');
    expect(texts(await say(linli, '周楼长', '保利紫山3栋业主群', '/campaign', today))).toContain('请私聊我');
  });

  it('keeps a building leader to their own building, goes back and changes an item, and starts the campaign', async () => {
    await converseOn(linli, today, '周楼长', [
      ['发起登记', '这次登记活动叫什么'],
      ['春节返乡', '用哪个表单'],
      ['返回', '这次登记活动叫什么'],
      ['春节返乡登记', '1. '],
      ['7', '请回复表单的编号'],
      ['1', '在哪些地方登记'],
      ['site:长庚里', '不在您负责的范围里：长庚里'],
      ['building:保利紫山/9栋', '没有看懂范围'],
      ['全部', '哪天开始'],
      ['昨天', '日期不能早于今天'],
      ['今天', '哪天结束'],
      ['跳过', '每天几点'],
      ['下午3点', '保留多少天'],
    ]);
    const preview = await dm('周楼长', '30');
    expect(preview).toContain('【登记活动预览】');
    expect(preview).toContain('1. 名称：春节返乡登记');
    expect(preview).toContain('3. 范围：building:保利紫山/3栋（1 个群，24 间房）');
    expect(preview).toContain(`4. 开始日期：${today}`);
    expect(preview).toContain('5. 结束日期：不设结束日期');
    expect(preview).toContain('6. 每日群提醒：15:00');
    expect(preview).toContain('7. 结束后保留天数：30');
    await converseOn(linli, today, '周楼长', [
      ['修改 5', '哪天结束'],
      ['30天后', '没有看懂日期'],
    ]);
    const changed = await dm('周楼长', format(addDays(parseISO(today), 30), 'yyyy年M月d日'));
    expect(changed).toContain(`5. 结束日期：${dayAfter(30)}`);
    const done = await dm('周楼长', '确认');
    expect(done).toContain('登记活动「春节返乡登记」已发起');
    expect(done).toContain('1 个群');
    const [saved] = await campaignsNamed(linli.deps.db, '春节返乡登记');
    expect(saved).toMatchObject({ formId: 'registration', startsOn: today, endsOn: dayAfter(30), retentionDays: 30 });
    expect(saved?.settings).toMatchObject({ scope: 'building:保利紫山/3栋', promptAt: '15:00' });
    expect(await dm('周楼长', '发起登记')).toContain('这次登记活动叫什么');
    expect(await dm('周楼长', '春节返乡登记')).toContain('用哪个表单');
    expect(await dm('周楼长', '取消')).toBe('好的，已取消，登记活动没有发起。');

    // A dialog left alone expires, in the words of a campaign rather than a registration.
    await dm('周楼长', '/campaign');
    const [open] = await linli.deps.db.query<{ id: number; step: number }>(`SELECT id, step FROM dialog_sessions WHERE status = 'active' ORDER BY id DESC LIMIT 1`);
    await runDialogTimer(linli.deps, 'dialog-expire', { sessionId: open?.id, step: open?.step });
    const [told] = await linli.deps.db.query<{ text_enc: string }>(
      `SELECT o.text_enc FROM outbox o JOIN accounts a ON a.id = o.to_account_id WHERE a.platform_user_id = '周楼长' ORDER BY o.id DESC LIMIT 1`,
    );
    expect(linli.deps.cipher.decrypt(told?.text_enc ?? '')).toBe('您的登记活动很久没有继续，已经取消，没有发起。要发起时请再发送「发起登记」。');
  });

  it('shows the progress as households register, within the reader\'s own scope, and ends it', async () => {
    await register(linli, today, { user: '赵敏', group: '保利紫山3栋业主群', serial: 51, room: '3栋1单元101' });
    await register(linli, today, { user: '钱进', group: '保利紫山3栋业主群', serial: 52, room: '3栋2单元602' });
    const progress = await dm('周楼长', '登记进度');
    expect(progress).toContain('【春节返乡登记】幸福社区');
    expect(progress).toContain(`进行中，${today} 至 ${dayAfter(30)}；个人信息将于 ${dayAfter(61)} 删除`);
    expect(progress).toContain('已登记 2/24 户（8%）');
    expect(progress).toContain('· 保利紫山3栋：2/24（8%），空置 0，不在本地 0；未登记：1单元102、');
    expect(progress).not.toContain('1单元101、');
    expect(progress).toContain('· 保利紫山3栋业主群：2/24（8%）');
    // 1栋's leader does not see 3栋's campaign.
    expect(await dm('吴楼长', '/campaign status 春节返乡登记')).toBe('您负责的范围里没有叫「春节返乡登记」的登记活动。');
    expect(await dm('李主任', '/campaign status 春节返乡登记')).toContain('已登记 2/24 户');
    expect(await dm('王芳', '/campaign status')).toContain('只有社区工作人员');

    const ended = await dm('周楼长', '/campaign end 春节返乡登记');
    expect(ended).toBe(`「春节返乡登记」已结束，我会在各群致谢一次。个人信息将于 ${dayAfter(31)} 删除。`);
    expect(await dm('周楼长', '/campaign end 春节返乡登记')).toBe('「春节返乡登记」已经结束了。');
    expect(await dm('周楼长', '登记进度 春节返乡登记')).toContain('已结束');
  });
});
