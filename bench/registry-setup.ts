import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { idCheckChar } from '../src/dialogs/answers/index.ts';
import { openDatabase, type DatabaseHandle } from '../src/store/connect.ts';
import { createFieldCipher, type FieldCipher } from '../src/privacy/index.ts';
import { migrate } from '../src/store/migrate.ts';
import { applySetup } from '../src/store/setup.ts';
import { parseSetupFile } from '../src/store/setup-file.ts';

/**
 * What the registry and find benchmarks share: a store of their own (a fresh schema on
 * DATABASE_URL, else an embedded one in memory), a community of compounds big enough for the
 * rows asked for, and made-up persons: valid ID numbers, phones, names and addresses.
 */
export interface BenchStore {
  handle: DatabaseHandle;
  cipher: FieldCipher;
  close(): Promise<void>;
}

export async function openBenchStore(): Promise<BenchStore> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const schema = databaseUrl ? `bench_${randomBytes(4).toString('hex')}` : 'public';
  const handle = await openDatabase({ dataDir: '', databaseUrl }, { schema, memory: true });
  await migrate(handle.db);
  return {
    handle,
    cipher: createFieldCipher('bench-secret-for-linli-field-encryption-0123456789'),
    async close() {
      // BENCH_KEEP=1 leaves the schema behind, to EXPLAIN the benchmark's queries on what it loaded.
      if (databaseUrl && process.env.BENCH_KEEP) process.stderr.write(`kept schema ${schema}: drop it when done\n`);
      else if (databaseUrl) await handle.db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await handle.close();
    },
  };
}

/** Compounds of 40 buildings × 2 units × 30 floors × 4 rooms (9,600 rooms each), for about 2.5 persons a room. */
export const roomsPerSite = 40 * 2 * 30 * 4;
export const siteName = (index: number) => `园区${index + 1}`;

export async function setUpSites(bench: BenchStore, persons: number): Promise<number> {
  const sites = Math.max(1, Math.ceil(persons / (roomsPerSite * 2.5)));
  const buildings = Array.from({ length: 40 }, (_, b) => `          - name: ${b + 1}栋\n            units:\n              - { name: 1单元, floors: 1-30, roomsPerFloor: 4 }\n              - { name: 2单元, floors: 1-30, roomsPerFloor: 4 }`).join('\n');
  const yaml = `communities:\n  - name: 基准社区\n    sites:\n${Array.from({ length: sites }, (_, s) => `      - name: ${siteName(s)}\n        kind: compound\n        buildings:\n${buildings}`).join('\n')}\n    staff:\n      - { name: 基准主任, phone: '13800138000', role: committee, scope: 基准社区 }\n`;
  await applySetup(bench.handle.db, bench.cipher, parseSetupFile(yaml, 'bench.yaml'));
  return sites;
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧建国志红霞平刚桂兰玉梅春生海燕晓东'];

export interface BenchPerson {
  name: string;
  idNumber: string;
  phone: string;
  site: string;
  address: string;
}

export function benchPerson(serial: number, sites: number): BenchPerson {
  const birth = new Date(Date.UTC(1940, 0, 1) + (serial % 25_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const body = `3301${String(10 + (serial % 89)).padStart(2, '0')}${birth}${String(Math.floor(serial / 25_000) % 1000).padStart(3, '0')}`;
  const room = serial % (roomsPerSite * sites);
  const site = Math.floor(room / roomsPerSite);
  const inSite = room % roomsPerSite;
  const building = Math.floor(inSite / 240) + 1;
  const unit = Math.floor((inSite % 240) / 120) + 1;
  const floor = Math.floor((inSite % 120) / 4) + 1;
  return {
    name: `${SURNAMES[serial % SURNAMES.length]}${GIVEN[Math.floor(serial / 7) % GIVEN.length]}${serial % 3 === 0 ? '' : GIVEN[Math.floor(serial / 53) % GIVEN.length]}`,
    idNumber: body + idCheckChar(body),
    phone: `1${3 + (serial % 7)}${String((serial * 7919) % 1_000_000_000).padStart(9, '0')}`,
    site: siteName(site),
    address: `${building}栋${unit}单元${floor}${String((inSite % 4) + 1).padStart(2, '0')}`,
  };
}

/** A registry file of `rows` persons per site: one .csv per site, as committees keep them. */
export function writeRegistryCsvs(dir: string, rows: number, sites: number): string[] {
  const files = Array.from({ length: sites }, (_, s) => `${dir}/${siteName(s)}.csv`);
  const streams = files.map((file) => {
    const stream = fs.createWriteStream(file);
    stream.write('编号,姓名,身份证号,手机号,住址\n');
    return stream;
  });
  for (let serial = 1; serial <= rows; serial++) {
    const person = benchPerson(serial, sites);
    const index = Number(person.site.slice(2)) - 1;
    streams[index]?.write(`B${serial},${person.name},${person.idNumber},${person.phone},${person.address}\n`);
  }
  for (const stream of streams) stream.end();
  return files;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
export const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;
