import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTranscript } from '../../../src/bot/channels/sandbox.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

let linli: TestLinli;
beforeAll(async () => {
  linli = await startTestLinli({ onDisk: true });
  await loadDemo(linli.deps.db, linli.deps.cipher);
});
afterAll(async () => {
  await linli?.close();
});

const group = '保利紫山3栋业主群';

const answers: Array<readonly [string, string | RegExp]> = [
  ['同意', '真实姓名'],
  ['王芳', '身份证号码'],
  ['44060319900101109x', '手机号码'],
  ['138 1234 5678', '哪一栋'],
  ['3栋2单元520', '您是不是住在「3栋2单元502」'],
  ['3栋2单元502', '业主'],
  ['1', '户籍地'],
  ['广东揭阳', '哪天开始住'],
  ['2021.3.1', '14天内'],
  ['有', '哪个城市'],
  ['武汉', '哪天到的'],
  ['3天前', '经过哪些城市'],
  ['无', '健康码'],
  ['绿码', '疫苗'],
  ['3', '核酸'],
  ['昨天 阴性', '告诉社区'],
  ['无', /请核对您的信息[\s\S]*4406\*{10}109X[\s\S]*138\*{4}5678/],
];

describe('registration through the sandbox', () => {
  it('hands a resident over from the group to a private chat, and the group sees nothing personal', async () => {
    const replies = await say(linli, '王芳', group, '登记');
    const inGroup = replies.filter((line) => line.chat === group);
    const inPrivate = replies.filter((line) => line.chat === 'dm');
    expect(texts(inGroup)).toContain('已经私聊您了');
    expect(texts(inGroup)).not.toMatch(/回复「同意」|真实姓名|身份证号码|手机号码/);
    expect(inPrivate[0]).toMatchObject({ to: '王芳' });
    expect(texts(inPrivate)).toContain('幸福社区居委会需要登记');
  });

  it('survives a restart in the middle of the form', async () => {
    await converse(linli, '王芳', 'dm', answers.slice(0, 3));
    linli = await linli.restart();
    await converse(linli, '王芳', 'dm', answers.slice(3));
  });

  it('saves the person, the room of the compound, the report and an observation on 确认', async () => {
    await converse(linli, '王芳', 'dm', [
      ['确认', '登记完成'],
    ]);
    const rows = await linli.deps.db.query<{ name: string; id_number_enc: string; room_id: number | null; role: string; reports: number; observation_until: string | null }>(
      `SELECT p.name, p.id_number_enc, o.room_id, o.role,
              (SELECT count(*)::int FROM reports r WHERE r.person_id = p.id) AS reports,
              (SELECT max(ends_on)::text FROM observations b WHERE b.person_id = p.id) AS observation_until
       FROM accounts a JOIN persons p ON p.id = a.person_id JOIN occupancies o ON o.person_id = p.id
       WHERE a.platform_user_id = '王芳'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: '王芳', role: 'owner', reports: 1, observation_until: '2026-03-16' });
    expect(linli.deps.cipher.decrypt(rows[0]?.id_number_enc ?? '')).toBe('44060319900101109X');
    const path = await linli.deps.db.query<{ path: string }>(
      `SELECT string_agg(a.name, '/' ORDER BY a.kind) AS path FROM areas a WHERE a.id = $1
         OR a.id = (SELECT parent_id FROM areas WHERE id = $1)
         OR a.id = (SELECT parent_id FROM areas WHERE id = (SELECT parent_id FROM areas WHERE id = $1))`,
      [rows[0]?.room_id],
    );
    expect(path[0]?.path).toBe('3栋/502/2单元');
  });

  it('shows the record masked with 我的信息, and a correction is a new report beside the old one', async () => {
    const me = texts(await say(linli, '王芳', 'dm', '我的信息'));
    expect(me).toContain('4406**********109X');
    expect(me).not.toContain('44060319900101109X');
    await converse(linli, '王芳', 'dm', [
      ['登记', '再填一次会保存为新的记录'],
      ...answers.slice(0, 4),
      ['3-2-502', '业主'],
      ...answers.slice(6, 9),
      ['没有', '健康码'],
      ...answers.slice(13),
      ['确认', '登记完成'],
    ]);
    const reports = await linli.deps.db.query<{ id: number; supersedes_id: number | null }>(
      `SELECT r.id, r.supersedes_id FROM reports r JOIN accounts a ON a.person_id = r.person_id
       WHERE a.platform_user_id = '王芳' ORDER BY r.id`,
    );
    expect(reports).toHaveLength(2);
    expect(reports[1]?.supersedes_id).toBe(reports[0]?.id);
  });

  it('tells the staff of the scope when a resident asks for a person', async () => {
    await say(linli, '李雷', group, '登记');
    await converse(linli, '李雷', 'dm', [['人工', '已经通知工作人员']]);
    const staff = await readTranscript(linli.deps.db, linli.deps.cipher, {});
    const toStaff = staff.filter((line) => line.to === '李主任');
    expect(texts(toStaff)).toMatch(/【求助】李雷（幸福社区 \/ 保利紫山 \/ 3栋）/);
    await converse(linli, '李雷', 'dm', [['取消', '已取消']]);
  });

  it('never asks for personal data in a group', async () => {
    const groupLines = (await readTranscript(linli.deps.db, linli.deps.cipher, {})).filter((line) => line.chat === group);
    expect(groupLines.length).toBeGreaterThan(0);
    for (const line of groupLines) expect(line.text).not.toMatch(/身份证号码|手机号码|4406|138/);
  });
});

describe('a new resident who answers everything right', () => {
  it('spends one turn per question and one to confirm', async () => {
    const turns: Array<readonly [string, string | RegExp]> = [
      ['同意', '真实姓名'], ['周杰', '身份证'], ['110101199003071057', '手机'], ['13900001111', '哪一栋'],
      ['5栋1801', '业主'], ['业主', '户籍'], ['北京', '哪天'], ['2019.6.1', '14天内'], ['没有', '健康码'],
      ['绿码', '疫苗'], ['3', '核酸'], ['昨天 阴性', '告诉社区'], ['无', '请核对'], ['确认', '登记完成'],
    ];
    const opened = await say(linli, '周杰', 'dm', '登记');
    const replies = await converse(linli, '周杰', 'dm', turns);
    // Each reply but the last asks exactly one next question: nothing was asked twice.
    const questionsAsked = [opened, ...replies.slice(0, -1)].length;
    expect(turns.length).toBeLessThanOrEqual(questionsAsked);
    for (const reply of replies) expect(reply).toHaveLength(1);
  });
});

describe('a free-text answer without a model', () => {
  it('is asked again with the reason, and nothing is lost', async () => {
    await say(linli, '林峰', 'dm', '登记');
    await converse(linli, '林峰', 'dm', [
      ['同意', '真实姓名'], ['林峰', '身份证'], ['110101199003071057', '手机'], ['13900005555', '哪一栋'],
      ['5栋1801', '业主'], ['业主', '户籍'], ['北京', '哪天'], ['2019.6.1', '14天内'],
    ]);
    expect(texts(await say(linli, '林峰', 'dm', '这个嘛'))).toBe('没看懂您的回答。最近14天内，您有没有从外地来（回）到本市？（有/没有）');
    await converse(linli, '林峰', 'dm', [['有', '哪个城市'], ['武汉', '哪天到'], ['取消', '已取消']]);
  });
});

describe('a quiet form', () => {
  it('is reminded, then expires', async () => {
    const quick = await startTestLinli({ settings: { dialogReminderMs: 300, dialogExpiryMs: 1500 } });
    try {
      await loadDemo(quick.deps.db, quick.deps.cipher);
      await say(quick, '张伟', 'dm', '登记');
      await converse(quick, '张伟', 'dm', [['同意', '真实姓名']]);
      await expect
        .poll(async () => texts(await readTranscript(quick.deps.db, quick.deps.cipher, {})), { timeout: 15_000 })
        .toMatch(/还没有完成[\s\S]*真实姓名[\s\S]*已经取消/);
      const sessions = await quick.deps.db.query<{ status: string }>('SELECT status FROM dialog_sessions');
      expect(sessions.map((s) => s.status)).toEqual(['expired']);
      // After expiry the resident starts afresh.
      expect(texts(await say(quick, '张伟', 'dm', '王五'))).toContain('登记');
    } finally {
      await quick.close();
    }
  });
});

describe('language', () => {
  it('answers in English someone who writes register, and keeps it for the form', async () => {
    const opened = texts(await say(linli, 'Tom', 'dm', 'register'));
    expect(opened).toContain('Resident registration');
    expect(texts(await say(linli, 'Tom', 'dm', 'agree'))).toContain('real name');
    expect(texts(await say(linli, 'Tom', 'dm', 'Tom Smith'))).toContain('ID card number');
    expect(texts(await say(linli, 'Tom', 'dm', 'cancel'))).toContain('cancelled');
    expect(texts(await say(linli, 'Tom', 'dm', '帮助'))).toContain('您好，我是邻里小助手');
  });
});

describe('a campaign', () => {
  it('rewords and switches off questions, sets retention and the length of observation', async () => {
    const { campaignSettingsSchema, saveCampaign } = await import('../../../src/store/campaigns.ts');
    const { findCommunity } = await import('../../../src/store/areas.ts');
    const community = await findCommunity(linli.deps.db, '幸福社区');
    await saveCampaign(linli.deps.db, {
      communityId: community?.id ?? 0,
      name: '春节返乡登记',
      formId: 'registration',
      startsOn: '2026-03-01',
      endsOn: '2026-03-31',
      retentionDays: 30,
      settings: campaignSettingsSchema.parse({
        form: { disabled: ['vaccineDoses', 'lastTest'], prompts: { notes: { 'zh-CN': '有没有行动不便、需要上门服务的情况？' } } },
        observationDays: 7,
      }),
    });
    const opened = texts(await say(linli, '吴刚', '保利紫山3栋业主群', '登记'));
    expect(opened).toContain('30天后删除');
    await converse(linli, '吴刚', 'dm', [
      ['同意', '姓名'], ['吴刚', '身份证'], ['320102197803053611', '手机'], ['13700001111', '哪一栋'],
      ['3栋1单元201', '业主'], ['1', '户籍'], ['北京', '哪天'], ['2020.1.1', '14天内'], ['有', '城市'],
      ['上海', '哪天到'], ['3月3日', '经过'], ['无', '健康码'], ['绿', '行动不便'], ['无', '核对'], ['确认', '完成'],
    ]);
    const rows = await linli.deps.db.query<{ ends_on: string; campaign: string }>(
      `SELECT b.ends_on::text AS ends_on, c.name AS campaign FROM observations b JOIN campaigns c ON c.id = b.campaign_id
       JOIN persons p ON p.id = b.person_id WHERE p.name = '吴刚'`,
    );
    expect(rows).toEqual([{ ends_on: '2026-03-10', campaign: '春节返乡登记' }]);
  });
});
