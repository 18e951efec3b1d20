import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify';
import { readRegistryFile } from '../dialogs/registry/read-file.ts';
import { readRegistryRow, type RegistryField } from '../dialogs/registry/row.ts';
import { reasonText } from '../dialogs/answers/index.ts';
import { type FieldCipher, maskIdNumber, maskPhone, maskText } from '../privacy/index.ts';
import type { Db } from '../store/db.ts';
import { emptyCounts, importRegistryBatch, RegistrySites, type RegistryBatchRow, type RegistryImportCounts } from '../store/registry.ts';

/**
 * A registry file imported: read as a stream, each row checked, the good ones written a batch
 * (and a transaction) at a time, the others listed with their reasons in a file beside the input
 * (name.rejected.csv, numbers masked). A second import of the same file changes nothing.
 * The next batch is read while the database writes the last one: the two took turns, and each
 * waited for the other half the time. At most two batches are in memory.
 */

export interface RegistryImportOptions {
  source: string;
  site?: string;
  today: string;
  /** Staff may import only rows of the sites in their scope; undefined for the machine's operator. */
  allowedSiteIds?: ReadonlySet<number>;
  onProgress?: (progress: number, rows: number) => void;
}

export interface RegistryImportReport extends RegistryImportCounts {
  rows: number;
  rejected: number;
  /** The file of rejected rows and why; null when every row was imported. */
  rejectedFile: string | null;
}

const batchSize = 5000;

export const rejectedFileOf = (input: string): string => {
  const parsed = path.parse(input);
  return path.join(parsed.dir, `${parsed.name}.rejected.csv`);
};

/** Reason codes that are the registry's own, beside the answer readers' ones. */
const OWN_REASONS: Readonly<Record<string, string>> = {
  'registry.no-address': '没有住址 (no address)',
  'registry.no-site': '住址不在任何已知小区/街巷，请用 --site 指定 (the address is in no known site: give --site)',
  'registry.out-of-scope': '不在您负责的范围内 (outside your scope)',
  'registry.unreadable-line': '这一行读不出来 (the line could not be read)',
};

const reasonsText = (codes: string[]): string => codes.map((code) => OWN_REASONS[code] ?? reasonText(code, 'zh-CN')).join('；');

class RejectedRows {
  private writer: ReturnType<typeof stringify> | null = null;
  private finished: Promise<void> | null = null;
  count = 0;

  constructor(readonly file: string) {}

  add(line: number, codes: string[], cells: Partial<Record<RegistryField, string>>): void {
    if (this.writer === null) {
      const writer = stringify({ header: true, bom: true, columns: ['行号 line', '原因 reasons', '姓名 name', '身份证号 id_number', '手机号 phone', '住址 address', '编号 ref'] });
      const output = fs.createWriteStream(this.file);
      writer.pipe(output);
      this.finished = new Promise((resolve, reject) => {
        output.on('finish', resolve);
        output.on('error', reject);
      });
      this.writer = writer;
    }
    const id = (cells.id_number ?? '').trim();
    const phone = (cells.phone ?? '').trim();
    this.count += 1;
    this.writer.write([line, reasonsText(codes), maskText(cells.name ?? ''), id && maskIdNumber(id), phone && maskPhone(phone), maskText(cells.address ?? ''), cells.ref ?? '']);
  }

  async close(): Promise<void> {
    if (this.writer === null) {
      fs.rmSync(this.file, { force: true });
      return;
    }
    this.writer.end();
    await this.finished;
  }
}

/**
 * The tables an import grows, analysed again once they have doubled since Postgres last
 * looked: each batch looks persons, entries and find keys up by person, and with statistics of
 * a smaller table (or none, where autovacuum is off) Postgres scanned them whole for every batch,
 * which made a large import slower with every row.
 */
async function refreshStatistics(db: Db): Promise<void> {
  const rows = await db.query<{ grown: boolean }>(
    `SELECT coalesce(bool_or(n_mod_since_analyze > 5000 AND n_mod_since_analyze > n_live_tup / 2), false) AS grown
     FROM pg_stat_user_tables WHERE relid IN ('registry_entries'::regclass, 'persons'::regclass, 'find_keys'::regclass)`,
  );
  if (rows[0]?.grown) await db.query('ANALYZE registry_entries, persons, find_keys');
}

export async function importRegistryFile(db: Db, cipher: FieldCipher, file: string, options: RegistryImportOptions): Promise<RegistryImportReport> {
  const records = readRegistryFile(file);
  const sites = await RegistrySites.load(db, options.site);
  const rejected = new RejectedRows(rejectedFileOf(file));
  const counts = emptyCounts();
  let rows = 0;
  let batch: RegistryBatchRow[] = [];
  let writing: Promise<void> = Promise.resolve();
  const write = async (rows: RegistryBatchRow[]) => {
    await db.transaction(async (tx) => {
      // A batch lost to a crash is written again by importing the file again: no batch waits for the disk.
      await tx.query('SET LOCAL synchronous_commit = off');
      await importRegistryBatch(tx, cipher, options.source, rows, counts);
    });
    await refreshStatistics(db);
  };
  const flush = async () => {
    const pending = batch;
    batch = [];
    if (pending.length === 0) return;
    // Batches are written one after the other, in the file's order: a later row may need an earlier one's person.
    await writing;
    writing = write(pending);
    // Its failure is thrown where it is awaited next, not as an unhandled rejection meanwhile.
    writing.catch(() => undefined);
  };
  try {
    for await (const record of records) {
      rows += 1;
      const read = readRegistryRow(record.cells, options.today);
      if (!read.ok) {
        rejected.add(record.line, read.reasons.length > 0 ? read.reasons : ['registry.unreadable-line'], record.cells);
      } else {
        const site = await sites.siteOf(db, read.row);
        if (options.allowedSiteIds && (site === null || !options.allowedSiteIds.has(site.siteId))) {
          rejected.add(record.line, [site === null ? 'registry.no-site' : 'registry.out-of-scope'], record.cells);
        } else {
          batch.push({ row: read.row, site });
        }
      }
      if (batch.length >= batchSize) await flush();
      if (rows % 1000 === 0) options.onProgress?.(record.progress, rows);
    }
    await flush();
    await writing;
  } finally {
    await writing.catch(() => undefined);
    await rejected.close();
  }
  options.onProgress?.(1, rows);
  return { rows, ...counts, rejected: rejected.count, rejectedFile: rejected.count > 0 ? rejected.file : null };
}
