/**
 * Roster or not: a landlord's message is handled as a roster only when it carries people
 * (a name with an ID number, a phone or a room), and is not a question about registering or a
 * forwarded notice that happens to name a contact person.
 */

import { analyseMessage, ROW_LEFTOVER_LIMIT, type Analysis, type DraftRow } from './analyse.ts';

// Words of official notices; a landlord's list has none of them, or one in its title.
const NOTICE_WORDS = /通知|公告|通告|告知书|倡议书|各位居民|各位业主|各位租户|各位住户|广大居民|全体居民|防控|疫情|核酸|指挥部|温馨提示|紧急|特此|居委会|街道办|致全体|注意事项|请广大|务必|配合|管控|封控|隔离/g;
const NOTICE_PROSE_LETTERS = 40;
// A notice names a contact or two; with more people, it is a notice only if its prose outweighs them.
const MAX_ROWS_IN_NOTICE = 2;
const NOTICE_LETTERS_PER_ROW = 15;
const ID_LENGTH = 18;

/**
 * Whether a row shows by itself that the message is a roster: an ID number; or a name with a
 * phone, a room or a note of moving out, on a line with little else; or a named row of a table.
 */
function isEvidence(row: DraftRow): boolean {
  const hasId = (row.idNumber?.value?.length ?? 0) === ID_LENGTH;
  const hasName = row.name?.value != null;
  const hasPhone = row.phone?.value != null;
  const hasRoom = row.room?.value != null && row.ownRoom;
  if (row.fromTable) return hasName && (hasId || hasPhone || hasRoom);
  if (hasId) return true;
  if (row.leftover > ROW_LEFTOVER_LIMIT || !hasName) return false;
  // "张三已搬走" is all a landlord needs to say about a tenant who left.
  return hasPhone || hasRoom || row.action === 'remove';
}

// Rooms with phones and no names are still a list, when there are several.
const isNamelessListRow = (row: DraftRow): boolean =>
  row.name === null && row.phone?.value != null && row.ownRoom && row.leftover === 0;

function isNotice(analysis: Analysis, evidence: number): boolean {
  const text = analysis.lines.map((line) => line.text).join('\n');
  const noticeWords = new Set(text.match(NOTICE_WORDS) ?? []).size;
  if (noticeWords === 0) return false;
  const prose = analysis.lines
    .filter((line) => line.kind !== 'row' && line.kind !== 'joined' && line.kind !== 'header')
    .reduce((letters, line) => letters + line.letters, 0);
  if (prose >= NOTICE_PROSE_LETTERS && evidence <= MAX_ROWS_IN_NOTICE) return true;
  return noticeWords >= 2 && prose >= NOTICE_LETTERS_PER_ROW * evidence;
}

// Names under a room heading, nothing else on their lines: a list when there are several.
const isNamesListRow = (row: DraftRow): boolean => row.name?.value != null && row.room?.value != null && row.leftover === 0;

/** Whether an analysed message is a roster. */
export function judgeRoster(analysis: Analysis): boolean {
  const listed = analysis.rows.filter(isNamesListRow).length >= 2;
  const evidence = analysis.rows.filter((row) => isEvidence(row) || (listed && isNamesListRow(row))).length;
  const nameless = analysis.rows.filter(isNamelessListRow).length;
  if (evidence === 0 && nameless < 2) return false;
  return !isNotice(analysis, evidence);
}

/** Whether a message is a roster (rather than chit-chat, a question or a notice); `today` is YYYY-MM-DD. */
export function looksLikeRoster(text: string, today: string): boolean {
  return judgeRoster(analyseMessage(text, today));
}
