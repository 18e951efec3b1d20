import { stringify } from 'csv-stringify/sync';
import { residentKeys, type ResidentRow } from './residents.ts';

export const exportFormats = ['jsonl', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

const cell = (value: ResidentRow[keyof ResidentRow]): string | number | boolean | null =>
  Array.isArray(value) ? value.join('、') : value;

export function residentsJsonl(rows: readonly ResidentRow[]): string {
  return rows.map((row) => JSON.stringify(Object.fromEntries(residentKeys.map((key) => [key, row[key]])))).join('\n') + (rows.length > 0 ? '\n' : '');
}

export function residentsCsv(rows: readonly ResidentRow[]): string {
  // A byte-order mark, so that Excel on a committee's PC opens the Chinese text correctly.
  return '\uFEFF' + stringify([residentKeys as readonly string[], ...rows.map((row) => residentKeys.map((key) => cell(row[key])))]);
}

export async function residentsXlsx(rows: readonly ResidentRow[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('residents');
  sheet.addRow([...residentKeys]);
  for (const row of rows) sheet.addRow(residentKeys.map((key) => cell(row[key])));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
