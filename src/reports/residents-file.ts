import { stringify } from 'csv-stringify/sync';
import { residentKeys, type ResidentRow } from './residents.ts';
import { cellOf, headerOf, jsonOf, type ExportStyle } from './residents-lang.ts';

export const exportFormats = ['jsonl', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

const scripts: ExportStyle = { lang: 'en', timeZone: 'UTC' };

export function residentsJsonl(rows: readonly ResidentRow[], style: ExportStyle = scripts): string {
  return rows.map((row) => JSON.stringify(jsonOf(row, residentKeys, style))).join('\n') + (rows.length > 0 ? '\n' : '');
}

export function residentsCsv(rows: readonly ResidentRow[], style: ExportStyle = scripts): string {
  // A byte-order mark, so that Excel on a committee's PC opens the Chinese text correctly.
  return (
    '\uFEFF' +
    stringify([residentKeys.map((key) => headerOf(key, style.lang)), ...rows.map((row) => residentKeys.map((key) => cellOf(row, key, style)))])
  );
}

export async function residentsXlsx(rows: readonly ResidentRow[], style: ExportStyle = scripts): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(style.lang === 'zh' ? '住户' : 'residents');
  sheet.addRow(residentKeys.map((key) => headerOf(key, style.lang)));
  for (const row of rows) sheet.addRow(residentKeys.map((key) => cellOf(row, key, style)));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
