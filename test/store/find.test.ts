import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnePerson } from '../../src/cli/find-person.ts';
import { confidentScore } from '../../src/dialogs/find/score.ts';
import { importRegistryFile } from '../../src/jobs/registry-import.ts';
import { digestWindow } from '../../src/reports/digest.ts';
import { findPersons, type FindResult } from '../../src/store/find.ts';
import { findScopeOf, type FindScope } from '../../src/store/find-scope.ts';
import { createPerson } from '../../src/store/persons.ts';
import { localDay } from '../../src/time.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { buildCensusCommunity, idFor } from '../reports/census-community.ts';

/**
 * Finding a person among a few thousand, from what staff know: a name by its sound, phone digits
 * with a slip, a piece of the ID number, an address with the wrong lane; and nobody confidently
 * when nobody fits.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-find-'));
const timeZone = 'Asia/Shanghai';
let t: TestDatabase;
const ids = new Map<string, number>();

async function roomId(site: string, building: string, unit: string | null, room: string): Promise<number> {
  const rows = await t.db.query<{ id: number }>(
    `SELECT r.id FROM areas s JOIN areas b ON b.parent_id = s.id AND b.name = $2
     LEFT JOIN areas u ON u.parent_id = b.id AND u.name = $3
     JOIN areas r ON r.parent_id = coalesce(u.id, b.id) AND r.name = $4 AND r.kind = 'room'
     WHERE s.name = $1`,
    [site, building, unit, room],
  );
  if (!rows[0]) throw new Error(`no room ${site}${building}${unit ?? ''}${room}`);
  return rows[0].id;
}

/** Someone registered through the form: the person, where they live, the report. */
async function registered(key: string, fields: { name: string; idNumber: string; phone: string }, room: number, text: string): Promise<void> {
  const personId = await createPerson(t.db, t.cipher, fields);
  await t.db.query(`INSERT INTO occupancies (person_id, room_id, room_text, role) VALUES ($1, $2, $3, 'owner')`, [personId, room, text]);
  await t.db.query(
    `INSERT INTO reports (form_id, form_version, person_id, answers_enc, answers_masked) VALUES ('registration', 1, $1, $2, '{}'::jsonb)`,
    [personId, t.cipher.encrypt('{}')],
  );
  ids.set(key, personId);
}

beforeAll(async () => {
  t = await openTestDatabase();
  await buildCensusCommunity(t.db, t.cipher, dir, digestWindow(localDay(new Date(), timeZone), timeZone).start);
  await registered('章伟', { name: '章伟', idNumber: idFor(15001), phone: '13712348000' }, await roomId('新城花园', '2栋', '1单元', '1801'), '2栋1单元1801');
  await registered('王莉', { name: '王莉', idNumber: idFor(15002), phone: '13700001234' }, await roomId('长庚里', '98号', null, '101'), '长庚里98号101');
  await registered('欧阳娜娜', { name: '欧阳娜娜', idNumber: idFor(15003), phone: '13700003333' }, await roomId('新城花园', '3栋', '2单元', '502'), '3栋2单元502');
  await registered('陈国栋', { name: '陈国栋', idNumber: idFor(15004), phone: '13700004444' }, await roomId('新塘里', '96号', null, '201'), '新塘里96号201');
  // The same woman twice: a second account, her ID number mistyped by one digit.
  await registered('黎小燕', { name: '黎小燕', idNumber: idFor(15005), phone: '13700005555' }, await roomId('新塘里', '97号', null, '102'), '新塘里97号102');
  const typo = `${idFor(15005).slice(0, 10)}${(Number(idFor(15005).charAt(10)) + 1) % 10}${idFor(15005).slice(11)}`;
  await registered('黎小燕2', { name: '黎小燕', idNumber: typo, phone: '13700005555' }, await roomId('新塘里', '97号', null, '102'), '新塘里97号102');
  const registry = path.join(dir, 'door.csv');
  fs.writeFileSync(registry, `编号,姓名,身份证号,手机号,住址\nDOOR-77,钟离春,${idFor(15006)},13700006666,新塘里99号101\n`);
  await importRegistryFile(t.db, t.cipher, registry, { source: 'door', today: '2026-03-05' });
}, 600_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const everyone: FindScope = { kind: 'all' };
const find = (query: string, scope: FindScope = everyone, limit = 10): Promise<FindResult[]> =>
  t.db.transaction((tx) => findPersons(tx, t.cipher, { query, lang: 'zh-CN', limit, scope, actor: { personId: null, via: 'cli', by: 'test' } }));
const top = async (query: string) => (await find(query))[0];

describe('find by name', () => {
  it('finds 章伟 for 张伟 and 王莉 for 王丽, by sound', async () => {
    const zhang = await top('张伟 8000');
    expect(zhang).toMatchObject({ personId: ids.get('章伟'), name: '章伟', ref: null });
    expect(zhang?.score).toBeGreaterThanOrEqual(confidentScore);
    expect(zhang?.reasons).toEqual(['姓名同音：章伟', '手机尾号8000']);
    expect(await top('王丽')).toMatchObject({ personId: ids.get('王莉'), reasons: ['姓名同音：王莉'] });
  });

  it('reads traditional characters, and a surname alone with a phone tail', async () => {
    expect(await top('歐陽娜娜')).toMatchObject({ personId: ids.get('欧阳娜娜') });
    expect(await top('章 8000')).toMatchObject({ personId: ids.get('章伟'), reasons: ['姓氏相同：章伟', '手机尾号8000'] });
  });
});

describe('find by phone and ID number', () => {
  it('tolerates one wrong digit or two swapped, in the whole number or in its tail', async () => {
    expect(await top('13712348001')).toMatchObject({ personId: ids.get('章伟'), reasons: ['手机号只差一位（或两位颠倒）'] });
    expect(await top('13712340800')).toMatchObject({ personId: ids.get('章伟') });
    expect(await top('13712348000')).toMatchObject({ personId: ids.get('章伟'), score: 1, reasons: ['手机号相同'] });
    const slip = await find('章伟 8001');
    expect(slip[0]).toMatchObject({ personId: ids.get('章伟'), reasons: ['姓名相同：章伟', '手机尾号与8001只差一位（或两位颠倒）'] });
    expect(await top('章伟 0800')).toMatchObject({ personId: ids.get('章伟') });
  });

  it('finds a piece of an ID number: its end, or the birth date in it', async () => {
    const id = idFor(15004);
    expect(await top(id.slice(-6))).toMatchObject({ personId: ids.get('陈国栋'), reasons: [`身份证尾号${id.slice(-6)}`] });
    expect(await top(`陈国栋 ${id.slice(6, 14)}`)).toMatchObject({ personId: ids.get('陈国栋') });
    expect(await top(id)).toMatchObject({ personId: ids.get('陈国栋'), score: 1 });
  });
});

describe('find by address', () => {
  it('finds the person at 96号 of the next lane when the lane is confused', async () => {
    const result = await top('陈国栋 长庚里96号');
    expect(result).toMatchObject({ personId: ids.get('陈国栋') });
    expect(result?.reasons).toEqual(['姓名相同：陈国栋', '门牌相同、街巷不同：新塘里96 201']);
  });
});

describe('records and scope', () => {
  it('returns both records of a person registered twice, and the registry ref of someone known from the registry', async () => {
    const results = await find('黎小燕');
    expect(results.map((result) => result.personId).sort()).toEqual([ids.get('黎小燕'), ids.get('黎小燕2')].sort());
    expect(await top('钟离春')).toMatchObject({ name: '钟离春', ref: 'DOOR-77' });
  });

  it("stays within a staff member's scope", async () => {
    const leader = await findOnePerson(t.db, t.cipher, '孙楼长');
    const scope = await findScopeOf(t.db, leader.id);
    expect(scope?.kind).toBe('areas');
    expect((await find('张伟 8000', scope))[0]).toMatchObject({ personId: ids.get('章伟') });
    expect(await find('王莉 1234', scope)).toEqual([]);
  });

  it('keeps a search by a surname alone within scope', async () => {
    const leader = await findOnePerson(t.db, t.cipher, '孙楼长');
    const scope = await findScopeOf(t.db, leader.id);
    if (scope?.kind !== 'areas') throw new Error('a building leader searches within areas');
    const results = await find('王', scope, 20);
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      const places = await t.db.query<{ area_id: number | null }>(
        `SELECT room_id AS area_id FROM occupancies WHERE person_id = $1 AND until IS NULL
         UNION ALL SELECT room_id FROM registry_entries WHERE person_id = $1 UNION ALL SELECT site_id FROM registry_entries WHERE person_id = $1`,
        [result.personId],
      );
      expect(places.some(({ area_id: areaId }) => areaId !== null && scope.areaIds.includes(areaId)), result.name ?? '').toBe(true);
    }
  });

  it('writes every search to the audit log, with numbers masked', async () => {
    const before = await t.db.query("SELECT id FROM audit_log WHERE action = 'find'");
    await find('13712348000');
    const after = await t.db.query<{ details: { query: string } }>("SELECT details FROM audit_log WHERE action = 'find' ORDER BY id");
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)?.details.query).toBe('137****8000');
  });
});

describe('when nobody fits', () => {
  it('never gives one confident wrong person', async () => {
    for (const query of ['赵敏 5555', '司马光', '慕容复 13800001111', '长庚里300号', `上官婉儿 ${idFor(19999).slice(-6)}`, '章伟 9999']) {
      const results = await find(query);
      expect(results.length, query).toBeLessThanOrEqual(3);
      for (const result of results) expect(result.score, `${query}: ${result.name}`).toBeLessThan(confidentScore);
    }
  });

  it('finds the people of a search that only the index could narrow, within thousands', async () => {
    const results = await find('王', everyone, 5);
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result.name?.startsWith('王')).toBe(true);
  });
});
