import fs from 'node:fs';
import path from 'node:path';
import { digestWorkbook, fileNamePart } from '../reports/digest-file.ts';
import type { DigestReport } from '../reports/staff-digest.ts';

/**
 * `linli digest --out FILE.xlsx`: the digest's workbook written from the command line. With more
 * than one staff member, each gets a file of their own beside it: FILE-name.xlsx.
 */
export function workbookPath(out: string, staffName: string, several: boolean): string {
  if (!several) return out;
  const parsed = path.parse(out);
  return path.join(parsed.dir, `${parsed.name}-${fileNamePart(staffName)}${parsed.ext || '.xlsx'}`);
}

export async function writeDigestWorkbook(report: DigestReport, file: string, lang: string, timeZone: string): Promise<void> {
  const workbook = await digestWorkbook(report, lang, timeZone);
  fs.writeFileSync(file, workbook.data);
}
