import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffDigestReport } from '../../../src/reports/staff-digest.ts';
import { findPersons } from '../../../src/store/find.ts';
import { applySetup } from '../../../src/store/setup.ts';
import { parseSetupFile } from '../../../src/store/setup-file.ts';
import { readScopeOf } from '../../../src/store/staff-reads.ts';
import { localDay } from '../../../src/time.ts';
import { say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { loadDigestCommunity, register } from '../../reports/digest-community.ts';

/**
 * A property manager of one compound never reads another compound's people, whatever staff
 * command they try: each reads as them, under row-level security (migration 028).
 */
const today = localDay(new Date(), 'Asia/Shanghai');
let linli: TestLinli;

const twoCompounds = `
communities:
  - name: 幸福社区
    sites:
      - name: 翠湖苑
        kind: compound
        buildings:
          - name: 1栋
            units:
              - name: 1单元
                floors: 1-2
                roomsPerFloor: 2
    chats:
      - { platform: sandbox, id: 翠湖苑1栋业主群, kind: building, area: 翠湖苑/1栋 }
    staff:
      - name: 甲物业
        role: property_manager
        scope: 保利紫山
        accounts: [{ platform: sandbox, id: 甲物业 }]
      - name: 乙物业
        role: property_manager
        scope: 翠湖苑
        accounts: [{ platform: sandbox, id: 乙物业 }]
`;

beforeAll(async () => {
  linli = await startTestLinli();
  await loadDigestCommunity(linli);
  await applySetup(linli.deps.db, linli.deps.cipher, parseSetupFile(twoCompounds, 'two-compounds.yaml'));
  await register(linli, today, { user: '赵敏', group: '保利紫山3栋业主群', serial: 21, room: '3栋1单元101' });
  await register(linli, today, { user: '钱多多', group: '翠湖苑1栋业主群', serial: 22, room: '1栋1单元101' });
  const [community] = await linli.deps.db.query<{ id: number }>("SELECT id FROM areas WHERE kind = 'community'");
  await linli.deps.db.query(
    `INSERT INTO campaigns (community_id, name, form_id, starts_on, ends_on, retention_days) VALUES ($1, '春季登记', 'registration', $2, $2::date + 30, 30)`,
    [community?.id, today],
  );
});
afterAll(async () => {
  await linli?.close();
});

const dm = async (user: string, text: string) => texts(await say(linli, user, 'dm', text, today));
const personNamed = async (name: string) =>
  (await linli.deps.db.query<{ id: number }>('SELECT id FROM persons WHERE name = $1', [name]))[0]?.id ?? 0;

describe("a property manager of 保利紫山 and the people of 翠湖苑", () => {
  it('finds their own resident, and not the other compound\'s by any part of what is known', async () => {
    expect(await dm('甲物业', '查找 赵敏')).toContain('赵敏');
    const other = await dm('甲物业', '查找 钱多多');
    expect(other).not.toContain('钱多多 相符度');
    expect(other).toContain('没有找到相符的人');
    expect(await dm('乙物业', '查找 钱多多')).toContain('钱多多 相符度');
  });

  it('finds no one of the other compound even when the search itself is not narrowed', async () => {
    const personId = await personNamed('甲物业');
    const readAs = await readScopeOf(linli.deps.db, personId);
    // The 'all' scope is what only the operator of the machine has: row-level security still bounds it.
    const results = await linli.deps.db.transaction((tx) =>
      findPersons(tx, linli.deps.cipher, { query: '钱多多', lang: 'zh-CN', limit: 10, scope: { kind: 'all' }, actor: { personId, via: 'chat' }, ...(readAs ? { readAs } : {}) }),
    );
    expect(results).toEqual([]);
  });

  it("counts only their compound's residents in the digest, and names no one of the other", async () => {
    const digest = await dm('甲物业', '日报');
    expect(digest).not.toContain('钱多多');
    expect(digest).not.toContain('翠湖苑');
    const report = await staffDigestReport(linli.deps.db, linli.deps.cipher, { personId: await personNamed('甲物业'), day: today, timeZone: 'Asia/Shanghai', now: new Date() });
    expect(report?.digest.residents.total).toBe(1);
    const other = await staffDigestReport(linli.deps.db, linli.deps.cipher, { personId: await personNamed('乙物业'), day: today, timeZone: 'Asia/Shanghai', now: new Date() });
    expect(other?.digest.residents.total).toBe(1);
  });

  it('sees no shop, no campaign figure and no one of the other compound in any other staff command', async () => {
    for (const command of ['档口情况', '登记进度', '/campaign status', '日报']) {
      const reply = await dm('甲物业', command);
      expect(reply, command).not.toContain('钱多多');
      expect(reply, command).not.toContain('翠湖苑');
    }
  });
});
