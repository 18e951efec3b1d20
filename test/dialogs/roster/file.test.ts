import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { problemText } from '../../../src/dialogs/roster/entry.ts';
import { fileKind, readRosterFile, RosterFileError, spreadsheetLines } from '../../../src/dialogs/roster/file.ts';

const TODAY = '2026-03-05';

async function workbook(rows: unknown[][], sheets: string[] = ['租客']): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const name of sheets.slice(0, -1)) book.addWorksheet(name);
  const sheet = book.addWorksheet(sheets.at(-1) ?? 'Sheet1');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('readRosterFile', () => {
  it('reads an .xlsx with a heading row, dates as days and numbers as digits', async () => {
    const data = await workbook([
      ['姓名', '身份证号', '手机号', '房号', '入住日期', '备注'],
      ['陈建华', '440106199601257124', 13812345678, '3-2-502', new Date(Date.UTC(2025, 11, 1)), ''],
      ['李秀英', '44010419950917896', 13925836147, '3-2-503', '2026年1月3日', '已搬走'],
      [],
      [{ richText: [{ text: '王' }, { text: '伟' }] }, '44011120020913920X', { formula: '15013572468', result: 15013572468 }, 'B座1203', null, null],
    ]);
    const parsed = await readRosterFile(data, '租客.xlsx', TODAY);
    expect(parsed.isRoster).toBe(true);
    expect(parsed.entries.map((row) => [row.lineNo, row.entry.name, row.entry.phone, row.entry.moveIn, row.entry.action, row.entry.problems])).toEqual([
      [2, '陈建华', '13812345678', '2025-12-01', 'add', []],
      [3, '李秀英', '13925836147', '2026-01-03', 'remove', ['id.length']],
      [5, '王伟', '15013572468', null, 'add', []],
    ]);
  });

  it('tells an ID column stored as numbers from a wrong check digit', async () => {
    const data = await workbook([
      ['姓名', '身份证号', '手机号', '房号'],
      ['方明', 440305199001011000, 13812345678, '101'],
      ['唐嫣', '440106199601257124', 13925836147, '102'],
    ]);
    const parsed = await readRosterFile(data, '租客.xlsx', TODAY);
    expect(parsed.entries.map((row) => [row.entry.name, row.entry.idNumber, row.entry.problems])).toEqual([
      ['方明', '440305199001011000', ['id.as-number']],
      ['唐嫣', '440106199601257124', []],
    ]);
    const [first] = parsed.entries;
    expect(first && problemText('id.as-number', 'zh-CN')).toBe('表格把身份证号存成了数字，最后几位丢了，请把这一列设为文本再发');
    expect(first && problemText('id.as-number', 'en')).toMatch(/stored the ID numbers as numbers.*format that column as text/);
  });

  it('tells the same from a .csv that Excel saved with the numbers rounded', async () => {
    const data = utf8('姓名,身份证号,手机号,房号\n方明,4.40305E+17,13812345678,101\n李楠,440305199001011000,13925836147,102\n');
    const parsed = await readRosterFile(data, '租客.csv', TODAY);
    expect(parsed.entries.map((row) => [row.entry.name, row.entry.idNumber, row.entry.problems])).toEqual([
      ['方明', '440305000000000000', ['id.as-number']],
      ['李楠', '440305199001011000', ['id.as-number']],
    ]);
  });

  it('reads the first sheet that has rows', async () => {
    const data = await workbook([['张三', '13812345678', '502']], ['空白', '名单']);
    expect(await spreadsheetLines(data, 'a.xlsx')).toEqual(['张三\t13812345678\t502']);
  });

  it('reads a .csv in UTF-8 with a byte-order mark', async () => {
    const csv = '\uFEFF姓名,身份证,电话,房间\n董洁,530102200401090085,15625874123,201\n"袁 野","520102197105213048",13060606060,202\n';
    const parsed = await readRosterFile(utf8(csv), 'list.csv', TODAY);
    expect(parsed.entries.map((row) => [row.lineNo, row.entry.name, row.entry.valid])).toEqual([
      [2, '董洁', true],
      [3, '袁野', true],
    ]);
  });

  it('reads a .csv that Excel saved in GBK', async () => {
    // 姓名,电话,房号 / 张三,13812345678,502 in GB18030.
    const gbk = new Uint8Array([
      0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xb5, 0xe7, 0xbb, 0xb0, 0x2c, 0xb7, 0xbf, 0xba, 0xc5, 0x0a,
      0xd5, 0xc5, 0xc8, 0xfd, 0x2c, ...utf8('13812345678,502'), 0x0a,
    ]);
    const parsed = await readRosterFile(gbk, 'list.csv', TODAY);
    expect(parsed.entries.map((row) => row.entry.name)).toEqual(['张三']);
  });

  it.each([
    ['an empty file', new Uint8Array(), 'a.csv', 'empty'],
    ['a file of blank lines', utf8('\n\n'), 'a.csv', 'empty'],
    ['an old .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.xls', 'old-excel'],
    ['a picture', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'a.png', 'not-a-spreadsheet'],
    ['a broken workbook', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'a.xlsx', 'not-a-spreadsheet'],
  ])('refuses %s with a clear error', async (_, data, name, problem) => {
    const reading = readRosterFile(data, name, TODAY);
    await expect(reading).rejects.toBeInstanceOf(RosterFileError);
    await expect(reading).rejects.toMatchObject({ problem });
  });

  it('refuses a workbook with no rows', async () => {
    await expect(readRosterFile(await workbook([]), 'a.xlsx', TODAY)).rejects.toMatchObject({ problem: 'empty' });
  });
});

describe('fileKind', () => {
  it('tells a spreadsheet, an old .xls and anything else apart, by name first and then by type', () => {
    expect(fileKind('租户名单.xlsx')).toBe('spreadsheet');
    expect(fileKind('租户.CSV')).toBe('spreadsheet');
    expect(fileKind('document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('spreadsheet');
    expect(fileKind('export', 'text/csv; charset=utf-8')).toBe('spreadsheet');
    expect(fileKind('名单.xls', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('old-excel');
    expect(fileKind('document', 'application/vnd.ms-excel')).toBe('old-excel');
    expect(fileKind('通知.pdf', 'application/pdf')).toBe('other');
    expect(fileKind('名单.docx')).toBe('other');
    expect(fileKind('document')).toBe('other');
  });
});

describe('readRosterFile with a row limit', () => {
  it('refuses more rows than allowed, blank rows not counted', async () => {
    const rows = ['姓名,手机号', '陈建华,13812345678', '', '李秀英,13925836147'].join('\n');
    await expect(readRosterFile(utf8(rows), '租户.csv', TODAY, { maxRows: 2 })).rejects.toMatchObject({ problem: 'too-many-rows' });
    expect((await readRosterFile(utf8(rows), '租户.csv', TODAY, { maxRows: 3 })).entries).toHaveLength(2);
  });
});

