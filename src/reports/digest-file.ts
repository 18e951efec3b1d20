import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type ExcelJS from 'exceljs';
import { addNoticeSheets } from './digest-notices.ts';
import { addCampaignSheet } from './digest-campaigns.ts';
import type { OutboundFile } from '../bot/message.ts';
import { t, type MessageKey } from '../dialogs/messages/index.ts';
import type { DigestPlace } from '../store/digest-rows.ts';
import { maskText } from '../privacy/index.ts';
import { observedSheet } from './digest-observed.ts';
import { digestHeading } from './digest-text.ts';
import { identitySheets, identitySummary } from './digest-identity.ts';
import type { DigestReport } from './staff-digest.ts';
import { addRegistrySheets } from './registry-digest.ts';

/**
 * The digest as a workbook: the numbers on a summary sheet and every list in full, one sheet each,
 * where the text names at most ten per list. Names, places and times only: the digest reads no ID
 * number or phone, and any free text (symptoms, a room as a landlord typed it) is masked.
 */

export const xlsxMimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A scope's name as part of a file name: without the characters Windows and phones refuse, and not too long. */
export function fileNamePart(text: string): string {
  return [...text.replace(/[\\/:*?"<>|\s]+/gu, '')].slice(0, 40).join('') || '-';
}

type Cell = string | number | null;

function addSheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][], widths: number[]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = header.map((title, index) => ({ header: title, width: widths[index] ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(rows);
}

export async function digestWorkbook(report: DigestReport, lang: string, timeZone: string): Promise<OutboundFile> {
  const { digest, shops, buildings } = report;
  const say = (key: MessageKey) => t(lang, key);
  const unnamed = say('digest.unnamed');
  const placeCells = (place: DigestPlace | null): Cell[] => [place?.site ?? null, place?.below || null];
  const heading = digestHeading(digest, lang, timeZone);
  // The workbook library is loaded when a digest is written, not by every process that might write one.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();

  const summary: [MessageKey, Cell][] = [
    ['digest.file.day', digest.day],
    ['digest.file.scope', heading.scope],
    ['digest.file.asOf', heading.asOf],
    ['digest.file.residents', digest.residents.total],
    ['digest.file.newToday', digest.residents.newToday],
    ['digest.file.observation', digest.underObservation],
    ['digest.file.asked', digest.checkins.asked],
    ['digest.file.answered', digest.checkins.answered],
    ['digest.file.missed', digest.checkins.missed.length],
    ['digest.file.awaiting', digest.checkins.awaiting],
    ['digest.file.abnormal', digest.checkins.abnormal.length],
    ['digest.file.help', digest.helpRequests.length],
    ['digest.file.tenants', digest.unregisteredTenants.length],
  ];
  if (digest.shops !== null) {
    summary.push(['digest.file.shops', digest.shops.total], ['digest.file.shopsAnswered', digest.shops.answered], ['digest.file.shopsFlagged', digest.shops.flagged]);
  }
  if (digest.uncertainSends !== null) summary.push(['digest.file.uncertain', digest.uncertainSends]);
  summary.push(...identitySummary(digest));
  addSheet(workbook, say('digest.file.sheet.summary'), [say('digest.file.item'), say('digest.file.value')], summary.map(([key, value]) => [say(key), value]), [34, 24]);

  const personHeader = [say('digest.file.col.name'), say('digest.file.col.site'), say('digest.file.col.place')];
  addSheet(
    workbook,
    say('digest.file.sheet.missed'),
    personHeader,
    digest.checkins.missed.map((person) => [person.name ?? unnamed, ...placeCells(person.place)]),
    [16, 14, 18],
  );
  addSheet(
    workbook,
    say('digest.file.sheet.abnormal'),
    [...personHeader, say('digest.file.col.temperature'), say('digest.file.col.symptoms')],
    digest.checkins.abnormal.map((checkin) => [
      checkin.name ?? unnamed,
      ...placeCells(checkin.place),
      checkin.temperature,
      checkin.symptoms === null ? t(lang, 'checkin.no-symptoms') : maskText(checkin.symptoms),
    ]),
    [16, 14, 18, 12, 30],
  );
  addSheet(
    workbook,
    say('digest.file.sheet.help'),
    [...personHeader, say('digest.file.col.at')],
    // As text in the community's time zone: a spreadsheet date has no zone and would be read as UTC.
    digest.helpRequests.map((request) => [
      request.name ?? unnamed,
      ...placeCells(request.place),
      format(new TZDate(request.at.getTime(), timeZone), 'yyyy-MM-dd HH:mm'),
    ]),
    [16, 14, 18, 18],
  );
  addSheet(
    workbook,
    say('digest.file.sheet.tenants'),
    [say('digest.file.col.name'), say('digest.file.col.room'), say('digest.file.col.landlord')],
    digest.unregisteredTenants.map((tenant) => [tenant.name ?? unnamed, tenant.room, tenant.landlord]),
    [16, 24, 16],
  );
  const observed = observedSheet(lang, digest.observed, (person) => placeCells(person.place));
  addSheet(workbook, observed.name, observed.header, observed.rows, observed.widths);
  if (digest.shops !== null) {
    addSheet(
      workbook,
      say('digest.file.sheet.shops'),
      [
        say('digest.file.col.market'),
        say('digest.file.col.shop'),
        say('digest.file.col.owner'),
        say('digest.file.col.staff'),
        say('digest.file.col.shopAnswered'),
        say('digest.file.col.flagged'),
      ],
      shops.map((shop) => [
        shop.market,
        shop.name,
        shop.owner,
        shop.staff,
        say(shop.answered ? 'digest.file.yes' : 'digest.file.no'),
        shop.flagged.map((person) => `${person.name} (${person.status})`).join('; ') || null,
      ]),
      [14, 16, 12, 10, 10, 36],
    );
  }
  if (buildings !== null) {
    addSheet(
      workbook,
      say('digest.file.sheet.buildings'),
      [
        say('digest.file.col.building'),
        say('digest.chart.residents'),
        say('digest.chart.answered'),
        say('digest.chart.awaiting'),
        say('digest.chart.missed'),
      ],
      buildings.map((building) => [building.label ?? say('digest.chart.unplaced'), building.residents, building.answered, building.awaiting, building.missed]),
      [18, 12, 12, 14, 12],
    );
  }
  for (const sheet of identitySheets(digest, lang, timeZone)) addSheet(workbook, sheet.name, sheet.header, sheet.rows, sheet.widths);
  if (digest.census) addRegistrySheets(workbook, digest.census, lang, addSheet);
  addNoticeSheets(workbook, report.notices ?? [], lang);
  addCampaignSheet(workbook, digest.campaigns ?? [], lang);
  return {
    name: t(lang, 'digest.file.name', { day: digest.day, scope: fileNamePart(heading.scope) }),
    mimeType: xlsxMimeType,
    data: new Uint8Array(await workbook.xlsx.writeBuffer()),
  };
}
