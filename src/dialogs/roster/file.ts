/**
 * A roster sent as a file: an .xlsx workbook or a .csv table. Each row of the sheet becomes a line
 * of cells separated by tabs, as if copied from Excel, so that the heading row maps the columns
 * and every row is read and validated like a pasted one; line numbers are the sheet's row numbers.
 */

import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import type { RosterParse } from './entry.ts';
import { parseRosterRules, type RulesOptions } from './rules.ts';
import { unpackedSize } from './zip-size.ts';

export type RosterFileProblem = 'empty' | 'not-a-spreadsheet' | 'old-excel' | 'too-many-rows' | 'too-large';

const MESSAGES: Readonly<Record<RosterFileProblem, string>> = {
  empty: '文件里没有内容 (the file is empty)',
  'too-many-rows': '表格的行数太多 (the sheet has too many rows)',
  'too-large': '文件解开后太大 (the workbook is too large once unpacked)',
  'not-a-spreadsheet': '这不是 Excel (.xlsx) 或 CSV 表格 (not an .xlsx or .csv spreadsheet)',
  'old-excel': '请把旧版 .xls 另存为 .xlsx 或 .csv 再发 (save the old .xls as .xlsx or .csv)',
};

export class RosterFileError extends Error {
  constructor(readonly problem: RosterFileProblem) {
    super(MESSAGES[problem]);
    this.name = 'RosterFileError';
  }
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (data: Uint8Array, magic: readonly number[]): boolean => magic.every((byte, i) => data[i] === byte);

export interface RosterFileOptions extends RulesOptions {
  /** More rows than this (blank ones not counted) are refused with 'too-many-rows'. */
  maxRows?: number;
  /** A workbook that unpacks to more bytes than this is refused with 'too-large', before it is opened. */
  maxUnpackedBytes?: number;
}

/**
 * A roster file's rows as the text of a pasted list (tab-separated cells), within the limits;
 * `fileName` tells .xlsx from .csv where the bytes do not.
 */
export async function rosterFileText(data: Uint8Array, fileName: string, options: Pick<RosterFileOptions, 'maxRows' | 'maxUnpackedBytes'> = {}): Promise<string> {
  const lines = await spreadsheetLines(data, fileName, options.maxUnpackedBytes);
  const rows = lines.filter((line) => line.trim() !== '').length;
  if (rows === 0) throw new RosterFileError('empty');
  if (options.maxRows !== undefined && rows > options.maxRows) throw new RosterFileError('too-many-rows');
  return lines.join('\n');
}

/** Reads a roster file as a landlord's list. */
export async function readRosterFile(data: Uint8Array, fileName: string, today: string, options: RosterFileOptions = {}): Promise<RosterParse> {
  return parseRosterRules(await rosterFileText(data, fileName, options), today, options);
}

export type FileKind = 'spreadsheet' | 'old-excel' | 'other';

const SPREADSHEET_NAME = /\.(?:xlsx|xlsm|csv)$/i;
const SPREADSHEET_TYPES = new Set(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv', 'application/csv']);
const OLD_EXCEL_NAME = /\.xls$/i;
const OLD_EXCEL_TYPE = 'application/vnd.ms-excel';

/**
 * What a file that came in a chat is, by its name and the type the platform told: a spreadsheet
 * that can be read as a roster (.xlsx, .csv), an old Excel file (.xls) that must be saved again
 * first, or something else.
 */
export function fileKind(name: string, mimeType?: string): FileKind {
  if (SPREADSHEET_NAME.test(name)) return 'spreadsheet';
  if (OLD_EXCEL_NAME.test(name)) return 'old-excel';
  const type = mimeType?.toLowerCase().split(';')[0]?.trim();
  if (type === undefined) return 'other';
  if (SPREADSHEET_TYPES.has(type)) return 'spreadsheet';
  return type === OLD_EXCEL_TYPE ? 'old-excel' : 'other';
}

/** The rows of the file's first sheet that has any, as lines of tab-separated cells. */
export async function spreadsheetLines(data: Uint8Array, fileName: string, maxUnpackedBytes = Number.POSITIVE_INFINITY): Promise<string[]> {
  if (data.length === 0) throw new RosterFileError('empty');
  if (startsWith(data, OLE_MAGIC)) throw new RosterFileError('old-excel');
  if (startsWith(data, ZIP_MAGIC) || /\.xlsx?m?$/i.test(fileName)) {
    if ((unpackedSize(data) ?? 0) > maxUnpackedBytes) throw new RosterFileError('too-large');
    return workbookLines(data);
  }
  if (data.includes(0)) throw new RosterFileError('not-a-spreadsheet');
  return csvLines(decodeText(data));
}

async function workbookLines(data: Uint8Array): Promise<string[]> {
  // The workbook library is loaded when a workbook arrives, not by every process that might get one.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its argument with an older Buffer than @types/node's; the bytes are the same.
    await workbook.xlsx.load(Buffer.from(data) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw new RosterFileError('not-a-spreadsheet');
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0);
  if (sheet === undefined) throw new RosterFileError('empty');
  const lines: string[] = [];
  for (let rowNumber = 1; rowNumber <= sheet.rowCount; rowNumber++) {
    const row = sheet.getRow(rowNumber);
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value));
    lines.push(cells.join('\t'));
  }
  return lines;
}

const richTextSchema = z.object({ richText: z.array(z.object({ text: z.string() })) });
const hyperlinkSchema = z.object({ text: z.string() });
const formulaSchema = z.object({ result: z.unknown() });

// Cells as the landlord sees them: dates as days, rich text as its letters, formulas as their results.
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Excel keeps a date as a day count; exceljs gives it as midnight UTC of that day.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  // Excel keeps 15 digits of a number: an ID number stored as one has lost the rest, and says so (4.40305199001011e+17).
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER ? value.toPrecision(15) : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return oneLine(String(value));
  const rich = richTextSchema.safeParse(value);
  if (rich.success) return oneLine(rich.data.richText.map((part) => part.text).join(''));
  const formula = formulaSchema.safeParse(value);
  if (formula.success) return cellText(formula.data.result);
  const link = hyperlinkSchema.safeParse(value);
  return link.success ? oneLine(link.data.text) : '';
}

// A tab or line break inside a cell would split it into cells or rows of its own.
const oneLine = (text: string): string => text.replace(/[\t\r\n]+/g, ' ').trim();

// Excel on Chinese Windows saves CSV in GB18030 (GBK) unless told otherwise.
function decodeText(data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

const csvSchema = z.array(z.array(z.string()));

function csvLines(text: string): string[] {
  let rows: unknown;
  try {
    rows = parseCsv(text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch {
    throw new RosterFileError('not-a-spreadsheet');
  }
  const parsed = csvSchema.safeParse(rows);
  if (!parsed.success) throw new RosterFileError('not-a-spreadsheet');
  return parsed.data.map((cells) => cells.map(oneLine).join('\t'));
}
