import fs from 'node:fs';
import readline from 'node:readline';
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse as parseCsv } from 'csv-parse';
import { z } from 'zod';
import { cellText } from '../roster/file.ts';
import { registryColumns, type RegistryField } from './row.ts';

/**
 * A registry file read as a stream, a row at a time, so that a million rows never sit in memory:
 * .csv through csv-parse (UTF-8, or GB18030 as Excel on Chinese Windows saves it), .xlsx through
 * exceljs's streaming reader (the first sheet with rows), .jsonl a JSON object per line.
 */

export const registryFileFormats = ['csv', 'xlsx', 'jsonl'] as const;
export type RegistryFileFormat = (typeof registryFileFormats)[number];

export interface RegistryRecord {
  /** The row's number in the file (1 is the heading row of a table, the first line of .jsonl). */
  line: number;
  cells: Partial<Record<RegistryField, string>>;
  /** How far through the file, from 0 to 1. */
  progress: number;
}

export class RegistryFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryFileError';
  }
}

export function registryFileFormat(fileName: string): RegistryFileFormat {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'csv' || extension === 'txt') return 'csv';
  if (extension === 'xlsx' || extension === 'xlsm') return 'xlsx';
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  throw new RegistryFileError(`${fileName}: expected a .csv, .xlsx or .jsonl file`);
}

/** Decodes UTF-8, or GB18030 once a byte shows the file is not UTF-8; one decoder for the whole stream. */
class TextDecoding extends Transform {
  private decoder: TextDecoder | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.decoder === null) {
      let utf8 = true;
      try {
        // A character cut at the chunk's end is not an error: the decoder waits for the rest.
        new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
      } catch {
        utf8 = false;
      }
      this.decoder = new TextDecoder(utf8 ? 'utf-8' : 'gb18030');
    }
    done(null, this.decoder.decode(chunk, { stream: true }));
  }

  override _flush(done: TransformCallback): void {
    done(null, this.decoder?.decode() ?? '');
  }
}

function cellsOf(columns: (RegistryField | null)[], values: readonly string[]): Partial<Record<RegistryField, string>> {
  const cells: Partial<Record<RegistryField, string>> = {};
  columns.forEach((field, index) => {
    if (field !== null && cells[field] === undefined) cells[field] = values[index] ?? '';
  });
  return cells;
}

function headingColumns(fileName: string, headings: readonly string[]): (RegistryField | null)[] {
  const columns = registryColumns(headings);
  if (!columns.includes('name') || !columns.includes('address')) {
    throw new RegistryFileError(`${fileName}: the first row must name the columns, at least 姓名 (name) and 住址 (address)`);
  }
  return columns;
}

/** What csv-parse gives for a line (with `info`); made once, not for each of a million lines. */
const csvRecord = z.object({ record: z.array(z.string()), info: z.object({ lines: z.number() }) });

async function* csvRecords(path: string, size: number): AsyncGenerator<RegistryRecord> {
  const input = fs.createReadStream(path);
  const parser = input.pipe(new TextDecoding()).pipe(parseCsv({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }));
  let columns: (RegistryField | null)[] | null = null;
  for await (const record of parser as AsyncIterable<unknown>) {
    const { record: values, info } = csvRecord.parse(record);
    if (columns === null) {
      columns = headingColumns(path, values);
      continue;
    }
    yield { line: info.lines, cells: cellsOf(columns, values), progress: size === 0 ? 1 : input.bytesRead / size };
  }
}

async function* xlsxRecords(path: string, size: number): AsyncGenerator<RegistryRecord> {
  // exceljs is heavy to load; only an .xlsx registry pays for it.
  const { default: ExcelJS } = await import('exceljs');
  const input = fs.createReadStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore' });
  try {
    for await (const sheet of reader) {
      let columns: (RegistryField | null)[] | null = null;
      for await (const row of sheet) {
        const values: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, column) => {
          values[column - 1] = cellText(cell.value);
        });
        if (values.every((value) => value === undefined || value === '')) continue;
        if (columns === null) {
          columns = headingColumns(path, Array.from(values, (value) => value ?? ''));
          continue;
        }
        yield { line: row.number, cells: cellsOf(columns, Array.from(values, (value) => value ?? '')), progress: size === 0 ? 1 : input.bytesRead / size };
      }
      if (columns !== null) return;
    }
  } catch (error) {
    if (error instanceof RegistryFileError) throw error;
    throw new RegistryFileError(`${path}: not a readable .xlsx workbook`);
  }
}

const jsonRow = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

async function* jsonlRecords(path: string, size: number): AsyncGenerator<RegistryRecord> {
  const input = fs.createReadStream(path, { encoding: 'utf8' });
  let line = 0;
  for await (const text of readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    line += 1;
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const object = jsonRow.safeParse(parsed);
    const keys = object.success ? Object.keys(object.data) : [];
    const values = object.success ? Object.values(object.data).map((value) => (value === null ? '' : String(value))) : [];
    yield { line, cells: object.success ? cellsOf(registryColumns(keys), values) : {}, progress: size === 0 ? 1 : input.bytesRead / size };
  }
}

/** The rows of a registry file, a row at a time. */
export function readRegistryFile(path: string): AsyncGenerator<RegistryRecord> {
  const format = registryFileFormat(path);
  let size: number;
  try {
    size = fs.statSync(path).size;
  } catch {
    throw new RegistryFileError(`${path}: no such file`);
  }
  if (format === 'xlsx') return xlsxRecords(path, size);
  return format === 'jsonl' ? jsonlRecords(path, size) : csvRecords(path, size);
}
