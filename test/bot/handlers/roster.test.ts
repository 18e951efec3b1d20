import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTranscript, sandboxInbound } from '../../../src/bot/channels/sandbox.ts';
import { ingest } from '../../../src/bot/ingest.ts';
import { waitUntilSettled } from '../../../src/bot/settle.ts';
import { remindLandlord } from '../../../src/jobs/roster-remind.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

let linli: TestLinli;
beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
});
afterAll(async () => {
  await linli?.close();
});

const group = '长庚里租户群';

// The third row's ID number has a wrong check digit, the fourth phone is one digit short.
const roster = [
  '3栋租户名单',
  '1. 陈建华 440603198503152015 13812345678 3-2-502',
  '2. 李秀英 44060319920720302X 13925836147 3-2-503',
  '3. 王伟 440304198808081230 15013572468 3-2-601',
  '4. 赵敏 110101199505054564 1350000111 3-2-602',
].join('\n');

describe('a landlord pastes a roster', () => {
  it('answers a roster in a group with a summary only, and sends the masked list privately', async () => {
    const replies = await say(linli, '房东老周', group, roster);
    const inGroup = texts(replies.filter((line) => line.chat === group));
    const inPrivate = texts(replies.filter((line) => line.chat === 'dm' && line.to === '房东老周'));
    expect(inGroup).toContain('收到房东老周的名单，共4人，其中2行有问题，详细内容已私聊发给您');
    expect(inGroup).not.toMatch(/陈建华|李秀英|4406|138|\d{6,}/);
    expect(inPrivate).toContain('1. 陈建华 4406**********2015 138****5678 3-2-502 ✅');
    expect(inPrivate).toContain('校验位不对');
    expect(inPrivate).toContain('手机号少一位');
    expect(inPrivate).toContain('确认');
    expect(inPrivate).not.toContain('440603198503152015');
  });

  it('keeps the draft with its rows encrypted', async () => {
    const drafts = await linli.deps.db.query<{ rows_enc: string; status: string; source_inbound_id: number | null }>(
      `SELECT d.rows_enc, d.status, d.source_inbound_id FROM roster_drafts d JOIN accounts a ON a.id = d.account_id
       WHERE a.platform_user_id = '房东老周'`,
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.status).toBe('open');
    expect(drafts[0]?.source_inbound_id).not.toBeNull();
    expect(drafts[0]?.rows_enc).not.toContain('4406');
    expect(linli.deps.cipher.decrypt(drafts[0]?.rows_enc ?? '')).toContain('440603198503152015');
  });

  it('answers a roster sent privately with the list itself', async () => {
    const replies = await say(linli, '房东小林', 'dm', roster);
    expect(texts(replies)).toContain('收到名单，共 4 人，其中 2 行需要核对');
    expect(texts(replies)).toContain('2. 李秀英 4406**********302X');
  });

  it('gives chit-chat, a question and a forwarded notice no roster reply', async () => {
    for (const text of [
      '今天天气不错，大家吃饭了吗',
      '请问租户要怎么登记？',
      '【通知】各位居民：明天上午9点在小区门口开展核酸检测，请务必配合。联系人：社区李主任 13800001111',
    ]) {
      const replies = await say(linli, '房东老周', group, text);
      expect(texts(replies)).not.toMatch(/名单/);
    }
  });
});

describe('a landlord corrects and confirms the list', () => {
  it('re-checks a corrected row, deletes a row, and takes no registration answer for a correction', async () => {
    await converse(linli, '房东老周', 'dm', [
      ['第3行身份证 440304198808081238', /3\. 王伟 4403\*{10}1238 150\*{4}2468 3-2-601 ✅/],
      ['第4行手机 13500001111', /4\. 赵敏 .* 135\*{4}1111 3-2-602 ✅/],
      ['第2行 房号改为3-2-505', /2\. 李秀英 .* 3-2-505 ✅/],
      ['第9行 房号改为502', '名单里没有第9行'],
      ['第3行 不知道', '没有看懂这条修改'],
      ['删掉第4行', /已删掉第4行（赵敏），名单还剩3人/],
    ]);
  });

  it('saves the version on 确认, links tenants to persons, and lists who has not registered', async () => {
    const [saved] = await converse(linli, '房东老周', 'dm', [['确认', '名单已保存（第1版），共3人']]);
    const said = texts(saved ?? []);
    expect(said).toContain('新增：陈建华（3-2-502）、李秀英（3-2-505）、王伟（3-2-601）');
    expect(said).toContain('以下租户还没有自己登记：陈建华（3-2-502）');
    const entries = await linli.deps.db.query<{ id_number_enc: string | null; phone_hash: string | null; listed: boolean; source: number | null }>(
      `SELECT e.id_number_enc, e.phone_hash, p.listed_by_landlord AS listed, v.source_inbound_id AS source
       FROM roster_entries e JOIN roster_versions v ON v.id = e.version_id JOIN persons p ON p.id = e.person_id ORDER BY e.id`,
    );
    expect(entries).toHaveLength(3);
    expect(entries.every((entry) => entry.listed && entry.source !== null && entry.phone_hash !== null)).toBe(true);
    expect(linli.deps.cipher.decrypt(entries[0]?.id_number_enc ?? '')).toBe('440603198503152015');
    expect((await linli.deps.jobs.counts('timers')).delayed ?? 0).toBeGreaterThan(0);
  });

  it('reports the change against the previous version and asks about tenants left out', async () => {
    await say(linli, '房东老周', 'dm', ['陈建华 440603198503152015 13812345678 3-2-503', '王伟已搬走', '孙丽 430602196801052242 13266668888 3-2-701'].join('\n'));
    const [saved] = await converse(linli, '房东老周', 'dm', [['确认', '第2版']]);
    const said = texts(saved ?? []);
    expect(said).toContain('新增：孙丽（3-2-701）');
    expect(said).toContain('搬走：王伟');
    expect(said).toContain('变更：陈建华（3-2-503）');
    expect(said).toContain('以下租户这次名单里没有，是搬走了吗？回复「是」确认搬走：李秀英（3-2-505）');
    await converse(linli, '房东老周', 'dm', [['是', '已记为搬走：李秀英（3-2-505）（第3版）']]);
    const tenants = await linli.deps.db.query<{ name: string; action: string }>(
      `SELECT e.name, e.action FROM roster_entries e WHERE e.version_id = (SELECT max(id) FROM roster_versions) ORDER BY e.name`,
    );
    expect(tenants.filter((row) => row.action !== 'remove').map((row) => row.name).sort()).toEqual(['孙丽', '陈建华'].sort());
  });

  it('reminds the landlord the next day of the tenants still unregistered, for the latest version only', async () => {
    const versions = await linli.deps.db.query<{ id: number; roster_id: number }>('SELECT id, roster_id FROM roster_versions ORDER BY id');
    const [first, , last] = versions;
    if (!first || !last) throw new Error('expected three versions');
    expect(await remindLandlord(linli.deps, { rosterId: first.roster_id, versionId: first.id })).toBe(0);
    expect(await remindLandlord(linli.deps, { rosterId: last.roster_id, versionId: last.id })).toBe(1);
    // The reminder is in the outbox as soon as the job's transaction commits; sending it comes later.
    const [reminder] = await linli.deps.db.query<{ text_enc: string; user: string; text_masked: string }>(
      `SELECT o.text_enc, o.text_masked, a.platform_user_id AS user FROM outbox o JOIN accounts a ON a.id = o.to_account_id
       WHERE o.inbound_id IS NULL ORDER BY o.id DESC LIMIT 1`,
    );
    expect(reminder?.user).toBe('房东老周');
    const text = linli.deps.cipher.decrypt(reminder?.text_enc ?? '');
    expect(text).toMatch(/还没有登记：.*陈建华（3-2-503）/);
    expect(text).not.toContain('李秀英');
  });

  it('drops the list on 取消', async () => {
    await say(linli, '房东小林', 'dm', '取消');
    const drafts = await linli.deps.db.query<{ status: string }>(
      `SELECT d.status FROM roster_drafts d JOIN accounts a ON a.id = d.account_id WHERE a.platform_user_id = '房东小林'`,
    );
    expect(drafts.map((draft) => draft.status)).toEqual(['dropped']);
  });
});

describe('「是」 to the question about tenants left out', () => {
  const both = ['陈建华 440603198503152015 13812345678 5-1-301', '孙丽 430602196801052242 13266668888 5-1-302'].join('\n');
  const one = '陈建华 440603198503152015 13812345678 5-1-301';

  /** A landlord's second list leaves 孙丽 out: the bot asks whether she moved out. */
  async function leaveOut(landlord: string): Promise<void> {
    await say(linli, landlord, 'dm', both);
    await converse(linli, landlord, 'dm', [['确认', '第1版']]);
    await say(linli, landlord, 'dm', one);
    await converse(linli, landlord, 'dm', [['确认', '是搬走了吗']]);
  }

  const currentNames = async (landlord: string) =>
    (
      await linli.deps.db.query<{ name: string }>(
        `SELECT e.name FROM roster_entries e JOIN roster_versions v ON v.id = e.version_id JOIN rosters r ON r.id = v.roster_id
         JOIN persons p ON p.id = r.owner_person_id JOIN accounts a ON a.person_id = p.id
         WHERE a.platform_user_id = $1 AND e.action <> 'remove'
           AND v.version = (SELECT max(version) FROM roster_versions WHERE roster_id = r.id) ORDER BY e.name`,
        [landlord],
      )
    ).map((row) => row.name);

  it('is not taken after the landlord has written about something else', async () => {
    await leaveOut('房东老钱');
    await say(linli, '房东老钱', 'dm', '你好');
    expect(texts(await say(linli, '房东老钱', 'dm', '是'))).not.toContain('已记为搬走');
    expect((await currentNames('房东老钱')).sort()).toEqual(['孙丽', '陈建华'].sort());
  });

  it('is not taken a day and more after the question', async () => {
    await leaveOut('房东老孙');
    const late = { ...sandboxInbound('房东老孙', 'dm', '是', '2026-03-06'), at: new Date(Date.now() + 25 * 3600_000) };
    const accepted = await ingest(linli.deps, late);
    if (accepted.kind !== 'accepted') throw new Error(accepted.kind);
    expect(await waitUntilSettled(linli.deps.db, [accepted.inboundId], { timeoutMs: 20_000 })).toBe(true);
    const replies = await readTranscript(linli.deps.db, linli.deps.cipher, { inboundIds: [accepted.inboundId] });
    expect(texts(replies)).not.toContain('已记为搬走');
    expect((await currentNames('房东老孙')).sort()).toEqual(['孙丽', '陈建华'].sort());
  });

  it('is taken as the next message, within the day', async () => {
    await leaveOut('房东老李');
    await converse(linli, '房东老李', 'dm', [['是', '已记为搬走：孙丽']]);
    expect(await currentNames('房东老李')).toEqual(['陈建华']);
  });
});
