import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestLines } from '../../../src/cli/digest.ts';
import { digestWorkbook } from '../../../src/reports/digest-file.ts';
import { digestText } from '../../../src/reports/digest-text.ts';
import { importRegistryFile } from '../../../src/jobs/registry-import.ts';
import { staffDigestReport } from '../../../src/reports/staff-digest.ts';
import { currentResidents } from '../../../src/reports/residents.ts';
import { one } from '../../../src/store/db.ts';
import { localDay } from '../../../src/time.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { unregisteredTenants } from '../../../src/store/rosters.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { runNode } from '../../support/child.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { residentId } from '../../reports/digest-community.ts';

/**
 * One ID number, two accounts: whoever registered it first keeps their record whatever the
 * second one types, in every order (registration, family member, landlord's list).
 */
let linli: TestLinli;
beforeAll(async () => {
  linli = await startTestLinli({ onDisk: true });
  await loadDemo(linli.deps.db, linli.deps.cipher);
}, 240_000);
afterAll(async () => {
  await linli?.close();
}, 240_000);

interface Registrant {
  user: string;
  name: string;
  id: string;
  phone: string;
  notes?: string;
  member?: { name: string; id: string; phone: string };
}

const conflictNote = '已经有另一个人登记过了';

/** The whole form in a private chat, with a family member when given; the replies to the last 确认. */
async function register(person: Registrant): Promise<string> {
  await say(linli, person.user, 'dm', '登记');
  await converse(linli, person.user, 'dm', [
    ['同意', '姓名'], [person.name, '身份证'], [person.id, '手机'], [person.phone, '哪一栋'], ['3栋2单元502', '业主'],
    ['1', '户籍'], ['北京', '哪天'], ['2020.5.1', '14天内'], ['没有', '健康码'], ['绿', '疫苗'], ['跳过', '核酸'],
    ['跳过', '告诉社区'], [person.notes ?? '跳过', '核对'],
  ]);
  if (!person.member) return texts(await say(linli, person.user, 'dm', '确认'));
  await converse(linli, person.user, 'dm', [
    ['家人', '姓名'], [person.member.name, '身份证'], [person.member.id, '手机'], [person.member.phone, '业主'], ['3', '户籍'],
    ['北京', '哪天'], ['2020.5.1', '14天内'], ['没有', '健康码'], ['绿', '疫苗'], ['跳过', '核酸'], ['跳过', '告诉社区'],
    ['跳过', '核对'],
  ]);
  return texts(await say(linli, person.user, 'dm', '确认'));
}

const personOfUser = async (user: string) =>
  (await one<{ person_id: number }>(linli.deps.db, 'SELECT person_id FROM accounts WHERE platform_user_id = $1', [user])).person_id;

const personNamed = async (name: string) => (await one<{ id: number }>(linli.deps.db, 'SELECT id FROM persons WHERE name = $1', [name])).id;

/** Everything the store keeps of one person, and what they and staff see of it. */
async function recordOf(personId: number, user?: string) {
  const { db } = linli.deps;
  return {
    // Not the places they are known at (migration 028), which a registry row naming them adds to.
    person: await db.query(`SELECT to_jsonb(p) - 'places' AS person FROM persons p WHERE id = $1`, [personId]),
    accounts: await db.query('SELECT id, platform_user_id FROM accounts WHERE person_id = $1 ORDER BY id', [personId]),
    reports: await db.query('SELECT id, answers_enc FROM reports WHERE person_id = $1 ORDER BY id', [personId]),
    occupancies: await db.query('SELECT * FROM occupancies WHERE person_id = $1 ORDER BY id', [personId]),
    me: user ? texts(await say(linli, user, 'dm', '我的信息')) : null,
  };
}

const exported = () => currentResidents(linli.deps.db, linli.deps.cipher, { unmasked: true });

/** Runs `second` and checks that nothing of the first person changed, and that they are still in the export. */
async function unchangedBy(personId: number, user: string | undefined, second: () => Promise<void>): Promise<void> {
  const before = await recordOf(personId, user);
  const exportBefore = await exported();
  await second();
  expect(await recordOf(personId, user)).toEqual(before);
  expect(await exported()).toEqual(expect.arrayContaining(exportBefore));
}

const openConflicts = () =>
  linli.deps.db.query<{ person_id: number; holder_person_id: number; source: string; report_id: number | null }>(
    'SELECT person_id, holder_person_id, source, report_id FROM id_conflicts WHERE resolved_at IS NULL AND person_id <> holder_person_id ORDER BY id',
  );

/** The member a resident registered in their household. */
const memberOf = async (user: string, name: string) =>
  (
    await one<{ person_id: number }>(
      linli.deps.db,
      `SELECT DISTINCT o.person_id FROM occupancies o JOIN persons p ON p.id = o.person_id WHERE o.household_id = $1 AND p.name = $2`,
      [await personOfUser(user), name],
    )
  ).person_id;

/** The digest of the community's committee member (the whole community), today so far. */
async function committeeDigest() {
  const staff = await personNamed('李主任');
  const now = new Date();
  const report = await staffDigestReport(linli.deps.db, linli.deps.cipher, { personId: staff, day: localDay(now, 'Asia/Shanghai'), timeZone: 'Asia/Shanghai', now });
  if (!report) throw new Error('李主任 is not staff');
  return report;
}

describe('a second account types an ID number already registered', () => {
  it('keeps the first person as they were, and saves the newcomer apart with a polite note', async () => {
    const first: Registrant = { user: '张伟', name: '张伟', id: residentId(101), phone: '13900000101' };
    expect(await register(first)).not.toContain(conflictNote);
    const holder = await personOfUser('张伟');
    let reply = '';
    await unchangedBy(holder, '张伟', async () => {
      reply = await register({ user: '李娜', name: '李娜', id: residentId(101), phone: '13900000102' });
    });
    expect(reply).toContain('登记完成');
    expect(reply).toContain(`身份证号 4406**********${residentId(101).slice(-4)} ${conflictNote}`);
    expect(reply).toContain('回复「人工」');
    expect(reply).not.toContain('张伟');

    const newcomer = await personOfUser('李娜');
    expect(newcomer).not.toBe(holder);
    const [kept] = await linli.deps.db.query<{ name: string; id_number_hash: string | null }>('SELECT name, id_number_hash FROM persons WHERE id = $1', [newcomer]);
    expect(kept).toEqual({ name: '李娜', id_number_hash: null });
    const reports = await linli.deps.db.query<{ id: number }>('SELECT id FROM reports WHERE person_id = $1', [newcomer]);
    expect(await openConflicts()).toEqual([{ person_id: newcomer, holder_person_id: holder, source: 'registration', report_id: reports[0]?.id }]);
    const mine = texts(await say(linli, '李娜', 'dm', '我的信息'));
    expect(mine).toContain('姓名：李娜');
    expect(texts(await say(linli, '张伟', 'dm', '我的信息'))).toContain('姓名：张伟');
  });

  it('is the same for a second account of the same name: staff decide, not the number', async () => {
    const holder = await personOfUser('张伟');
    await unchangedBy(holder, '张伟', async () => {
      expect(await register({ user: 'wx_zhangwei_2', name: '张伟', id: residentId(101), phone: '13900000101' })).toContain(conflictNote);
    });
  });
}, 240_000);

describe('a family member and a registration with one ID number', () => {
  it('keeps a family member registered first when someone registers with their number', async () => {
    await register({ user: '王强', name: '王强', id: residentId(111), phone: '13900000111', member: { name: '王小明', id: residentId(112), phone: '13900000112' } });
    const member = await memberOf('王强', '王小明');
    const householdView = texts(await say(linli, '王强', 'dm', '我的信息'));
    let reply = '';
    await unchangedBy(member, undefined, async () => {
      reply = await register({ user: '陈静', name: '王小明', id: residentId(112), phone: '13900000113' });
    });
    expect(reply).toContain(conflictNote);
    expect(texts(await say(linli, '王强', 'dm', '我的信息'))).toBe(householdView);
  });

  it('keeps a resident registered first when someone registers them as a family member', async () => {
    await register({ user: '刘洋', name: '刘洋', id: residentId(121), phone: '13900000121' });
    const holder = await personOfUser('刘洋');
    let reply = '';
    await unchangedBy(holder, '刘洋', async () => {
      reply = await register({ user: '黄磊', name: '黄磊', id: residentId(122), phone: '13900000122', member: { name: '黄小刘', id: residentId(121), phone: '13900000123' } });
    });
    expect(reply).toContain(`家人「黄小刘」的身份证号 4406**********${residentId(121).slice(-4)} ${conflictNote}`);
    const conflict = (await openConflicts()).find((row) => row.holder_person_id === holder);
    expect(conflict?.source).toBe('member');
    expect(texts(await say(linli, '黄磊', 'dm', '我的信息'))).toContain('同住家人：黄小刘');
    // The household's own registration went through as usual: its number is theirs.
    const own = await linli.deps.db.query<{ id_number_hash: string | null }>('SELECT id_number_hash FROM persons WHERE id = $1', [await personOfUser('黄磊')]);
    expect(own[0]?.id_number_hash).not.toBeNull();
  });

  it('settles the family member\'s conflict when the household registers them again with their own number', async () => {
    const member = await memberOf('黄磊', '黄小刘');
    const reply = await register({ user: '黄磊', name: '黄磊', id: residentId(122), phone: '13900000122', member: { name: '黄小刘', id: residentId(124), phone: '13900000123' } });
    expect(reply).not.toContain(conflictNote);
    expect(await memberOf('黄磊', '黄小刘')).toBe(member);
    expect((await openConflicts()).map((row) => row.person_id)).not.toContain(member);
  });

  it('lets a household register its own family member again', async () => {
    const member = await memberOf('王强', '王小明');
    const reply = await register({ user: '王强', name: '王强', id: residentId(111), phone: '13900000111', member: { name: '王小明', id: residentId(112), phone: '13900000112' } });
    expect(reply).not.toContain(conflictNote);
    expect(await memberOf('王强', '王小明')).toBe(member);
  });
}, 240_000);

describe('a landlord\'s list and a registration with one ID number', () => {
  const landlordSays = (text: string) => say(linli, '房东老郑', 'dm', text);

  it('keeps a person listed first when someone registers their number under another name, and joins one whose name agrees', async () => {
    await landlordSays(['以下是我的租客：', `赵六 ${residentId(131)} 13900000131 3-2-701`, `钱八 ${residentId(132)} 13900000132 3-2-702`].join('\n'));
    expect(texts(await landlordSays('确认'))).toContain('名单已保存');
    const listed = await personNamed('赵六');
    let reply = '';
    await unchangedBy(listed, undefined, async () => {
      reply = await register({ user: '孙七', name: '孙七', id: residentId(131), phone: '13900000133' });
    });
    expect(reply).toContain(conflictNote);

    const qianListed = await personNamed('钱八');
    expect(await register({ user: '钱八', name: '钱八', id: residentId(132), phone: '13900000132' })).not.toContain(conflictNote);
    const entries = await linli.deps.db.query<{ name: string; person_id: number; version_id: number }>(
      `SELECT e.name, e.person_id, e.version_id FROM roster_entries e JOIN roster_versions v ON v.id = e.version_id
       JOIN rosters r ON r.id = v.roster_id JOIN accounts a ON a.person_id = r.owner_person_id
       WHERE a.platform_user_id = '房东老郑' ORDER BY e.line_no`,
    );
    expect(entries.map((entry) => entry.person_id)).toEqual([listed, await personOfUser('钱八')]);
    // The person only the list knew joined the one who registered.
    expect(await linli.deps.db.query('SELECT 1 FROM persons WHERE id = $1', [qianListed])).toHaveLength(0);
    const unregistered = await unregisteredTenants(linli.deps.db, linli.deps.cipher, entries[0]?.version_id ?? 0);
    expect(unregistered.map((tenant) => tenant.name)).toEqual(['赵六']);
  });

  it('links no row to a registered person whose name differs, and keeps them as they were', async () => {
    await register({ user: '周九', name: '周九', id: residentId(141), phone: '13900000141' });
    const holder = await personOfUser('周九');
    await unchangedBy(holder, '周九', async () => {
      await say(linli, '房东老冯', 'dm', `以下是我的租客：\n吴十 ${residentId(141)} 13900000142 3-2-801`);
      await converse(linli, '房东老冯', 'dm', [['确认', '名单已保存']]);
    });
    const entries = await linli.deps.db.query<{ person_id: number | null }>(
      `SELECT e.person_id FROM roster_entries e JOIN roster_versions v ON v.id = e.version_id JOIN rosters r ON r.id = v.roster_id
       JOIN accounts a ON a.person_id = r.owner_person_id WHERE a.platform_user_id = '房东老冯'`,
    );
    expect(entries).toEqual([{ person_id: null }]);
  });
}, 240_000);

describe('a landlord probing with someone else\'s ID number', () => {
  const maskedIds = (text: string) => text.replace(/\d{4}\*{10}[\dX]{4}/g, '<ID>');

  it('hears exactly what it would for a number nobody registered, and links nothing', async () => {
    await register({ user: '郑好', name: '郑好', id: residentId(151), phone: '13900000151' });
    const victim = await personOfUser('郑好');
    const paste = (id: string) => `以下是我的租客：\n马虎 ${id} 13900000152 3-2-901`;
    const probe = { pasted: '', confirmed: '' };
    await unchangedBy(victim, '郑好', async () => {
      probe.pasted = maskedIds(texts(await say(linli, '房东试探', 'dm', paste(residentId(151)))));
      probe.confirmed = texts(await say(linli, '房东试探', 'dm', '确认'));
    });
    const control = {
      pasted: maskedIds(texts(await say(linli, '房东老实', 'dm', paste(residentId(152))))),
      confirmed: texts(await say(linli, '房东老实', 'dm', '确认')),
    };
    expect(probe).toEqual(control);
    expect(probe.confirmed).toContain('以下租户还没有自己登记：马虎（3-2-901）');
    expect(probe.confirmed).toContain('请核对名单上的姓名和身份证号');
    const linked = await linli.deps.db.query('SELECT 1 FROM roster_entries WHERE person_id = $1', [victim]);
    expect(linked).toHaveLength(0);
  });

  it('shows staff the mismatched row in the digest, never the holder\'s name', async () => {
    const report = await committeeDigest();
    expect(report.digest.rosterMismatches).toEqual(expect.arrayContaining([{ name: '马虎', room: '3-2-901', landlord: '房东试探' }, { name: '吴十', room: '3-2-801', landlord: '房东老冯' }]));
    expect(report.digest.rosterMismatches.map((row) => row.landlord)).not.toContain('房东老实');
    const text = digestText(report.digest, 'zh-CN', 'Asia/Shanghai');
    expect(text).toMatch(/房东名单上姓名和身份证号对不上的.*：\d+行[\s\S]*· 马虎 3-2-901（房东：房东试探）/);
    expect(text).not.toContain('郑好');
  });
}, 240_000);

describe('staff and the open conflicts', () => {
  it('see them in the digest text, the workbook and the JSON, with the record numbers to merge', async () => {
    const holder = await personOfUser('张伟');
    const newcomer = await personOfUser('李娜');
    const report = await committeeDigest();
    expect(report.digest.idConflicts).toContainEqual(
      expect.objectContaining({ personId: newcomer, name: '李娜', holderPersonId: holder, holderName: '张伟' }),
    );
    const text = digestText(report.digest, 'zh-CN', 'Asia/Shanghai');
    expect(text).toContain(`身份证号冲突`);
    expect(text).toContain(`李娜（#${newcomer}）填的身份证号已登记在张伟（#${holder}）名下`);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    const workbook = new ExcelJS.Workbook();
    const file = await digestWorkbook(report, 'zh-CN', 'Asia/Shanghai');
    await workbook.xlsx.load(Buffer.from(file.data) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('身份证号冲突');
    const cells = (sheet?.getSheetValues() ?? []).map((row) => (Array.isArray(row) ? row.slice(1).map(String) : []));
    expect(cells).toContainEqual(expect.arrayContaining(['李娜', `#${newcomer}`, '张伟', `#${holder}`]));
    const [json] = await digestLines(linli.deps.db, linli.deps.cipher, { staff: '13800138000', json: true, lang: 'zh-CN', timeZone: 'Asia/Shanghai', now: new Date() });
    expect(JSON.parse(json ?? '{}').idConflicts).toContainEqual(expect.objectContaining({ personId: newcomer, holderPersonId: holder }));
  });

  it('resolve one with linli persons merge, audited, and it no longer shows', async () => {
    const holder = await personOfUser('张伟');
    const newcomer = await personOfUser('wx_zhangwei_2');
    const merged = await runNode([path.resolve('bin/linli.js'), 'persons', 'merge', '--keep', `#${holder}`, '--merge', `#${newcomer}`], { env: linli.childEnv });
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(await personOfUser('wx_zhangwei_2')).toBe(holder);
    const left = (await committeeDigest()).digest.idConflicts;
    expect(left.map((row) => row.personId)).not.toContain(newcomer);
    expect(left.map((row) => row.personId)).toContain(await personOfUser('李娜'));
    const audit = await linli.deps.db.query<{ details: { merged: number; idConflicts: number } }>(
      `SELECT details FROM audit_log WHERE action = 'persons.merge' AND subject_person_id = $1`,
      [holder],
    );
    expect(audit.map((row) => row.details)).toEqual([{ merged: newcomer, idConflicts: 1 }]);
  });

  it('settle one when the newcomer registers again with their own number', async () => {
    const newcomer = await personOfUser('李娜');
    expect(await register({ user: '李娜', name: '李娜', id: residentId(102), phone: '13900000102' })).not.toContain(conflictNote);
    expect((await committeeDigest()).digest.idConflicts.map((row) => row.personId)).not.toContain(newcomer);
  });
}, 240_000);

describe('a registry row with a registered person\'s ID number under another name', () => {
  it('changes nothing of the person, and staff see the mismatch in the digest', async () => {
    await register({ user: '周敏', name: '周敏', id: residentId(171), phone: '13900000171' });
    const holder = await personOfUser('周敏');
    const file = path.join(linli.config.dataDir, '物业底册.csv');
    fs.writeFileSync(file, ['编号,姓名,身份证号,手机号,住址', `W01,吴刚,${residentId(171)},13700000171,3栋2单元502`].join('\n'));
    await unchangedBy(holder, '周敏', async () => {
      await importRegistryFile(linli.deps.db, linli.deps.cipher, file, { source: 'property', site: '保利紫山', today: localDay(new Date(), 'Asia/Shanghai') });
    });
    const report = await committeeDigest();
    expect(report.digest.census?.registry?.nameDiffers.map((line) => [line.personId, line.name])).toEqual([[holder, '周敏']]);
    expect(digestText(report.digest, 'zh-CN', 'Asia/Shanghai')).toContain('身份证号在底册里是另一个姓名1人');
  });
}, 240_000);

describe('我的信息', () => {
  it('masks an ID number and a phone typed inside a free-text answer', async () => {
    const notes = '老伴电话13912345678，身份证440603195001011234，腿脚不便';
    await register({ user: '冯姨', name: '冯姨', id: residentId(161), phone: '13900000161', notes });
    const mine = texts(await say(linli, '冯姨', 'dm', '我的信息'));
    expect(mine).toMatch(/其他情况：老伴电话139\*{4}5678[,，]身份证4406\*{10}1234[,，]腿脚不便/);
    expect(mine).not.toContain('13912345678');
    expect(mine).not.toContain('440603195001011234');
  });
}, 240_000);
