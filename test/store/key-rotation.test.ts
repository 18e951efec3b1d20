import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { importRegistryFile } from '../../src/jobs/registry-import.ts';
import { createFieldCipher, keyIdOf, type FieldCipher } from '../../src/privacy/index.ts';
import { checkKeyRing } from '../../src/store/cipher-keys.ts';
import { one } from '../../src/store/db.ts';
import { loadDemo } from '../../src/store/demo.ts';
import { findPersons } from '../../src/store/find.ts';
import { refreshFindIndex } from '../../src/store/find-index.ts';
import { findPersonByIdNumber, findPersonsByPhone, createPerson, getPerson } from '../../src/store/persons.ts';
import { rotateKeys, rotationStatus } from '../../src/store/key-rotation.ts';
import { sealedTables } from '../../src/store/key-rotation-tables.ts';
import { latestReports } from '../../src/store/reports.ts';
import { addEntry, createVersion, entriesOf, landlordRosterOf } from '../../src/store/rosters.ts';
import { saveAnswer, shopStatusesFor } from '../../src/store/shop-status.ts';
import { ensureShop } from '../../src/store/shops.ts';
import { openTestDatabase, testSecret, type TestDatabase } from '../support/database.ts';
import { idFor, phoneFor } from '../reports/census-community.ts';

/**
 * `linli keys rotate` over a store holding every kind of personal data: afterwards the old key is
 * no longer needed for any read, find or de-duplication; a rotation killed half way goes on from
 * where it stopped; and while it is under way, look-ups find rows hashed under either key.
 */
const newSecret = 'a-new-secret-for-linli-personal-data-rotated-in-2026';
const oldCipher = createFieldCipher(testSecret);
const ring = createFieldCipher([newSecret, testSecret]);
const newOnly = createFieldCipher(newSecret);
const today = '2026-03-05';

interface Populated {
  registered: { personId: number; idNumber: string; phone: string; name: string }[];
  registryFile: string;
  rosterVersionId: number;
  marketId: number;
}

/** Registrations, a landlord's roster, a registry with its find keys, a shop's status: all under the old key. */
async function populate(t: TestDatabase, dir: string): Promise<Populated> {
  await loadDemo(t.db, oldCipher);
  await checkKeyRing(t.db, oldCipher);
  const registered: Populated['registered'] = [];
  for (let serial = 1; serial <= 7; serial += 1) {
    const person = { name: `住户${'甲乙丙丁戊己庚'.charAt(serial - 1)}`, idNumber: idFor(14_000 + serial), phone: phoneFor(14_000 + serial) };
    const personId = await createPerson(t.db, oldCipher, person);
    await t.db.query(
      `INSERT INTO reports (form_id, form_version, person_id, answers_enc, answers_masked) VALUES ('registration', 1, $1, $2, '{}'::jsonb)`,
      [personId, oldCipher.encrypt(JSON.stringify({ idNumber: person.idNumber, phone: person.phone, note: `serial ${serial}` }))],
    );
    registered.push({ personId, ...person });
  }
  const landlord = registered[0]?.personId ?? 0;
  const rosterId = await landlordRosterOf(t.db, landlord, null);
  const { versionId } = await createVersion(t.db, rosterId, null);
  for (const [line, serial] of [12_001, 12_002].entries()) {
    await addEntry(
      t.db,
      oldCipher,
      versionId,
      line + 1,
      { name: `租客${line + 1}`, idNumber: idFor(serial), phone: phoneFor(serial), room: null, moveIn: null, action: 'add', valid: true, problems: [] },
      null,
    );
  }
  const registryFile = path.join(dir, 'property.csv');
  const registryRows = [10_001, 10_002, 10_003].map((serial, index) => `P-${index + 1},业主${'甲乙丙'.charAt(index)},${idFor(serial)},${phoneFor(serial)},3栋1单元10${index + 1}`);
  // A row without a ref is keyed by its fingerprint, which the rotation must hash again too.
  registryRows.push(`,无编号,${idFor(10_004)},${phoneFor(10_004)},3栋1单元201`);
  // The first registered person is in the registry as well: the import must tie the entry to them.
  registryRows.push(`P-9,${registered[1]?.name},${registered[1]?.idNumber},${registered[1]?.phone},3栋1单元301`);
  fs.writeFileSync(registryFile, `编号,姓名,身份证号,手机号,住址\n${registryRows.join('\n')}\n`);
  const imported = await importRegistryFile(t.db, oldCipher, registryFile, { source: 'property', site: '保利紫山', today });
  expect(imported).toMatchObject({ added: 5, personsCreated: 4 });
  const marketId = (await one<{ id: number }>(t.db, "SELECT id FROM areas WHERE name = '幸福市场'")).id;
  const shop = await ensureShop(t.db, { ownerPersonId: landlord, marketId, name: '3号档', defaultName: '3号档' });
  const staffList = await createVersion(t.db, shop.id, null);
  const staff = { name: '李四', idNumber: null, phone: phoneFor(12_003), room: null, moveIn: null, action: 'add' as const, valid: true, problems: [] };
  await addEntry(t.db, oldCipher, staffList.versionId, 1, staff, null);
  await saveAnswer(t.db, oldCipher, {
    shopId: shop.id, day: today, versionId: null, answeredBy: landlord, sourceInboundId: null,
    status: { allNormal: false, flagged: [{ name: '李四', status: '发烧' }] },
  });
  await refreshFindIndex(t.db, oldCipher);
  return { registered, registryFile, rosterVersionId: versionId, marketId };
}

/** Every sealed value of every table, with the key it is under ('v1' for the first format). */
async function sealedKeys(t: TestDatabase): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const spec of sealedTables) {
    for (const column of spec.sealed) {
      const rows = await t.db.query<{ value: string }>(`SELECT ${column} AS value FROM ${spec.table} WHERE ${column} IS NOT NULL AND ${column} <> ''`);
      for (const row of rows) keys.add(row.value.split(':')[0] === 'v2' ? (row.value.split(':')[1] ?? '') : 'v1');
    }
  }
  return keys;
}

const find = (t: TestDatabase, cipher: FieldCipher, query: string) =>
  t.db.transaction((tx) => findPersons(tx, cipher, { query, lang: 'zh-CN', limit: 5, scope: { kind: 'all' }, actor: { personId: null, via: 'cli', by: 'test' } }));

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-keys-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A store of the describe block's own, populated under the old key before its tests. */
function populatedStore(): { t: TestDatabase; data: Populated } {
  const store = {} as { t: TestDatabase; data: Populated };
  beforeAll(async () => {
    store.t = await openTestDatabase();
    store.data = await populate(store.t, dir);
  }, 600_000);
  afterAll(async () => {
    await store.t?.close();
  });
  return store;
}

describe('key rotation', () => {
  const store = populatedStore();

  it('refuses to start without a key still in use, and moves everything onto the new key so that the old one is not needed', async () => {
    const { t, data } = store;
    await expect(checkKeyRing(t.db, newOnly)).rejects.toThrow(ConfigError);
    await expect(checkKeyRing(t.db, newOnly)).rejects.toThrow(keyIdOf(testSecret));
    await checkKeyRing(t.db, ring);
    const findKeysBefore = (await t.db.query('SELECT 1 FROM find_keys')).length;

    const result = await rotateKeys(t.db, ring, { batchSize: 3 });
    expect(result.retired).toEqual([keyIdOf(testSecret)]);
    expect(result.tables.every((table) => table.done)).toBe(true);
    expect([...(await sealedKeys(t))]).toEqual([keyIdOf(newSecret)]);
    expect((await t.db.query('SELECT 1 FROM find_keys')).length).toBe(findKeysBefore);
    expect((await t.db.query('SELECT 1 FROM find_stale')).length).toBe(0);
    // The old key may now leave the ring, and Linli says so while it is still there; it starts with the new one alone.
    expect(await checkKeyRing(t.db, ring)).toEqual({ retiredInRing: [keyIdOf(testSecret)] });
    expect(await checkKeyRing(t.db, newOnly)).toEqual({ retiredInRing: [] });
    expect((await rotationStatus(t.db, newOnly)).keysInUse).toEqual([keyIdOf(newSecret)]);

    // Every read.
    const someone = data.registered[2];
    if (!someone) throw new Error('nobody registered');
    expect(await getPerson(t.db, newOnly, someone.personId)).toMatchObject({ idNumber: someone.idNumber, phone: someone.phone });
    const [report] = await latestReports(t.db, newOnly, 'registration', [someone.personId]);
    expect(report?.answers).toMatchObject({ idNumber: someone.idNumber, note: 'serial 3' });
    expect((await entriesOf(t.db, newOnly, data.rosterVersionId)).map((entry) => entry.idNumber)).toEqual([idFor(12_001), idFor(12_002)]);
    const [shop] = await shopStatusesFor(t.db, newOnly, [data.marketId], today);
    expect(shop?.answer).toMatchObject({ allNormal: false, flagged: [{ name: '李四', status: '发烧' }] });

    // Every look-up by keyed hash, and find by the pieces of the index.
    expect((await findPersonByIdNumber(t.db, newOnly, someone.idNumber))?.id).toBe(someone.personId);
    expect((await findPersonsByPhone(t.db, newOnly, someone.phone)).map((person) => person.id)).toEqual([someone.personId]);
    expect((await find(t, newOnly, someone.phone))[0]?.personId).toBe(someone.personId);
    expect((await find(t, newOnly, `${someone.name} ${someone.phone.slice(-4)}`))[0]?.personId).toBe(someone.personId);
    const owner = (await find(t, newOnly, `业主乙 ${idFor(10_002).slice(-4)}`))[0];
    expect(owner).toMatchObject({ name: '业主乙', ref: 'P-2' });

    // De-duplication: the registry again changes nothing and makes nobody new; a registration finds its person.
    const persons = (await t.db.query('SELECT 1 FROM persons')).length;
    const again = await importRegistryFile(t.db, newOnly, data.registryFile, { source: 'property', site: '保利紫山', today });
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 5, personsCreated: 0 });
    expect((await t.db.query('SELECT 1 FROM persons')).length).toBe(persons);
    await expect(createPerson(t.db, newOnly, { name: '冒名', idNumber: someone.idNumber })).rejects.toThrow();
  });

  it('has nothing left to do when run again', async () => {
    const { t } = store;
    const sealed = async () => (await t.db.query<{ v: string }>("SELECT id_number_enc || answers_enc AS v FROM persons JOIN reports ON reports.person_id = persons.id ORDER BY persons.id")).map((row) => row.v);
    const before = await sealed();
    const result = await rotateKeys(t.db, newOnly, { batchSize: 3 });
    expect(await sealed()).toEqual(before);
    expect(result.retired).toEqual([]);
  });
});

describe('a rotation killed half way', () => {
  const store = populatedStore();

  it('finds rows hashed under either key meanwhile, and goes on from where it stopped', async () => {
    const { t, data } = store;
    await checkKeyRing(t.db, ring);
    let personBatches = 0;
    const killed = rotateKeys(t.db, ring, {
      batchSize: 2,
      onBatch: (table) => {
        if (table === 'persons' && ++personBatches === 3) throw new Error('killed');
      },
    });
    await expect(killed).rejects.toThrow('killed');
    const status = await rotationStatus(t.db, ring);
    const persons = status.tables.find((table) => table.table === 'persons');
    expect(status.tables.find((table) => table.table === 'registry_entries')?.done).toBe(true);
    expect(persons).toMatchObject({ done: false });
    expect(persons?.lastId).toBeGreaterThan(0);
    expect(status.keysInUse.sort()).toEqual([keyIdOf(newSecret), keyIdOf(testSecret)].sort());

    // Some registered persons are hashed under the new key, others still under the old one; both are found.
    const hashOf = async (personId: number) => (await one<{ h: string }>(t.db, 'SELECT id_number_hash AS h FROM persons WHERE id = $1', [personId])).h;
    const rotated = data.registered.filter((person) => person.personId <= (persons?.lastId ?? 0));
    const waiting = data.registered.filter((person) => person.personId > (persons?.lastId ?? 0));
    expect(rotated.length).toBeGreaterThan(0);
    expect(waiting.length).toBeGreaterThan(0);
    for (const person of rotated) expect(await hashOf(person.personId)).toBe(newOnly.hash('id', person.idNumber));
    for (const person of waiting) expect(await hashOf(person.personId)).toBe(oldCipher.hash('id', person.idNumber));
    for (const person of [...rotated, ...waiting]) {
      expect((await findPersonByIdNumber(t.db, ring, person.idNumber))?.id).toBe(person.personId);
      expect((await findPersonsByPhone(t.db, ring, person.phone)).map((found) => found.id)).toEqual([person.personId]);
      expect((await find(t, ring, person.idNumber))[0]?.personId).toBe(person.personId);
      expect((await find(t, ring, `${person.name} ${person.phone.slice(-4)}`))[0]?.personId).toBe(person.personId);
    }

    // A registry imported meanwhile ties its rows to the persons under either key, and makes nobody new.
    const doors = path.join(dir, 'doors.csv');
    const listed = [...rotated, ...waiting];
    fs.writeFileSync(doors, `编号,姓名,身份证号,手机号,住址\n${listed.map((person, index) => `D-${index + 1},${person.name},${person.idNumber},${person.phone},3栋2单元10${index + 1}`).join('\n')}\n`);
    const personsBefore = (await t.db.query('SELECT 1 FROM persons')).length;
    const meanwhile = await importRegistryFile(t.db, ring, doors, { source: 'doors', site: '保利紫山', today });
    expect(meanwhile).toMatchObject({ added: listed.length, personsCreated: 0 });
    expect((await t.db.query('SELECT 1 FROM persons')).length).toBe(personsBefore);
    const tiedTo = await t.db.query<{ ref: string; person_id: number }>("SELECT ref, person_id FROM registry_entries WHERE source = 'doors' ORDER BY ref");
    expect(tiedTo.map((entry) => entry.person_id).sort()).toEqual(listed.map((person) => person.personId).sort());

    const resumed = await rotateKeys(t.db, ring, { batchSize: 2 });
    expect(resumed.retired).toEqual([keyIdOf(testSecret)]);
    expect([...(await sealedKeys(t))]).toEqual([keyIdOf(newSecret)]);
    // Resumed, not started again: every person with something sealed was sealed again once.
    const sealedPersons = (await t.db.query('SELECT 1 FROM persons WHERE id_number_enc IS NOT NULL OR phone_enc IS NOT NULL')).length;
    expect(resumed.tables.find((table) => table.table === 'persons')?.resealed).toBe(sealedPersons);
    for (const person of data.registered) expect((await find(t, newOnly, person.phone))[0]?.personId).toBe(person.personId);
  });
});

describe('a registry imported again before the rotation reaches it', () => {
  const store = populatedStore();

  it('recognises every row and person still under the old key, a row without a ref included', async () => {
    const { t, data } = store;
    const persons = (await t.db.query('SELECT 1 FROM persons')).length;
    const entries = (await t.db.query('SELECT 1 FROM registry_entries')).length;
    const again = await importRegistryFile(t.db, ring, data.registryFile, { source: 'property', site: '保利紫山', today });
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 5, personsCreated: 0 });
    expect((await t.db.query('SELECT 1 FROM persons')).length).toBe(persons);
    expect((await t.db.query('SELECT 1 FROM registry_entries')).length).toBe(entries);
  });
});

describe('the list of sealed columns', () => {
  it('holds every encrypted and keyed-hash column the migrations make', () => {
    const dir = 'src/store/migrations';
    const declared = new Set<string>();
    for (const file of fs.readdirSync(dir)) {
      let table = '';
      for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
        const opened = /^\s*(?:CREATE|ALTER) TABLE (\w+)/i.exec(line);
        if (opened?.[1]) table = opened[1];
        const column = /^\s*(?:ADD COLUMN )?(\w+_(?:enc|hash))\s+text/i.exec(line);
        if (column?.[1]) declared.add(`${table}.${column[1]}`);
      }
    }
    const listed = new Set(sealedTables.flatMap((spec) => [...spec.sealed, ...spec.hashed.map((hashed) => hashed.column)].map((column) => `${spec.table}.${column}`)));
    expect([...declared].sort()).toEqual([...listed].sort());
  });
});
