import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readRosterFile } from '../../../src/dialogs/roster/file.ts';
import { unpackedSize } from '../../../src/dialogs/roster/zip-size.ts';

/** A ZIP archive of stored (not compressed) entries, as the format lays it out. */
function storedZip(entries: Record<string, string>, sizeOverride?: number): Uint8Array {
  const encoder = new TextEncoder();
  const locals: number[] = [];
  const directory: number[] = [];
  const u16 = (value: number) => [value & 0xff, (value >>> 8) & 0xff];
  const u32 = (value: number) => [...u16(value & 0xffff), ...u16(value >>> 16)];
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = [...encoder.encode(name)];
    const data = [...encoder.encode(text)];
    const size = sizeOverride ?? data.length;
    const offset = locals.length;
    locals.push(...u32(0x04034b50), ...u16(20), ...u16(0), ...u16(0), ...u32(0), ...u32(0), ...u32(data.length), ...u32(size), ...u16(nameBytes.length), ...u16(0), ...nameBytes, ...data);
    directory.push(
      ...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(0), ...u16(0), ...u32(0), ...u32(0), ...u32(data.length), ...u32(size),
      ...u16(nameBytes.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...nameBytes,
    );
  }
  const count = Object.keys(entries).length;
  const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(count), ...u16(count), ...u32(directory.length), ...u32(locals.length), ...u16(0)];
  return new Uint8Array([...locals, ...directory, ...end]);
}

describe('unpackedSize', () => {
  it('adds up the unpacked sizes the archive lists, without unpacking', () => {
    expect(unpackedSize(storedZip({ 'a.txt': 'hello', 'xl/sheet1.xml': '<row/>' }))).toBe(11);
    expect(unpackedSize(storedZip({ 'big.xml': 'x' }, 0xffffffff))).toBe(Number.POSITIVE_INFINITY);
    expect(unpackedSize(new TextEncoder().encode('姓名,手机号\n'))).toBeUndefined();
    expect(unpackedSize(new Uint8Array())).toBeUndefined();
  });

  it('lets readRosterFile refuse a workbook that unpacks to more than allowed, before opening it', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('租户');
    sheet.addRow(['姓名', '手机号', '房号']);
    for (let i = 0; i < 2000; i++) sheet.addRow(['陈建华', '13812345678', '3-2-502']);
    const data = new Uint8Array(await book.xlsx.writeBuffer());
    const unpacked = unpackedSize(data) ?? 0;
    expect(unpacked).toBeGreaterThan(data.length * 5);
    await expect(readRosterFile(data, '租户.xlsx', '2026-03-05', { maxUnpackedBytes: unpacked - 1 })).rejects.toMatchObject({ problem: 'too-large' });
    expect((await readRosterFile(data, '租户.xlsx', '2026-03-05', { maxUnpackedBytes: unpacked })).entries).toHaveLength(2000);
  });
});
