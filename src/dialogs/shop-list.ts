import { normalize } from './answers/index.ts';
import { columnKindOf } from './roster/columns.ts';
import type { RosterRow } from './roster/index.ts';
import { readNameValue } from './roster/readings.ts';
import { buildEntry } from './roster/validate.ts';

/**
 * What names a shop, as owners write it: a first line over the staff list (3号档 王记猪肉 员工名单)
 * or a message of its own (档口名 3号档 王记猪肉). Pure.
 */
export interface ShopListText {
  /** Whether the list has a first line that says what it is (员工名单), named or not. */
  titled: boolean;
  /** The shop's name from the list's first line; null when the list has no such line. */
  name: string | null;
  /** The list without that line: what the roster parser reads. */
  body: string;
}

const listWords = /(?:员工|人员|店员|工作人员|职工)?(?:名单|花名册|名册|信息)|员工|人员/g;
/** A line with a long run of digits holds an ID number or a phone: a person, not a title. */
const holdsNumber = /\d{7,}/;
const maxNameLength = 30;

const cleanName = (text: string): string =>
  text
    .replace(/^[\s:：,，.。、\-—【[(（]+|[\s:：,，.。、\-—】\])）]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A sheet's title row, as one line: its cells are tab-separated, and a title merged across the
 * columns repeats in each of them.
 */
const titleOf = (line: string): string => [...new Set(line.split('\t').map((cell) => cell.trim()).filter((cell) => cell !== ''))].join(' ');

/** 员工姓名 手机号: a row of column headings says what the columns hold; it names no shop. */
const isHeadingRow = (line: string): boolean => line.split(/[\s,，]+/).filter((cell) => columnKindOf(cell) !== null).length >= 2;

/**
 * Splits off a first line such as 「3号档 王记猪肉 员工名单」 and reads the shop's name from it.
 * The body keeps the line numbers of the text (the title's line is left blank), so that a row of a
 * sheet is still named by its row number.
 */
export function readShopListText(text: string): ShopListText {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim() !== '');
  const line = titleOf(lines[first] ?? '');
  // 员工名单：张三、李四 — the list may start on the title's own line.
  const sameLine = /^(.*?(?:名单|花名册|名册|员工|人员))\s*[:：]\s*(\S.*)$/.exec(line);
  const title = sameLine?.[1] ?? line;
  if (first < 0 || holdsNumber.test(normalize(title)) || !/名单|花名册|名册|员工|人员/.test(title) || isHeadingRow(title)) {
    return { titled: false, name: null, body: text };
  }
  const body = [...lines.slice(0, first), sameLine?.[2] ?? '', ...lines.slice(first + 1)].join('\n');
  const name = cleanName(title.replace(listWords, ' '));
  return { titled: true, name: name === '' ? null : name.slice(0, maxNameLength), body };
}

const numbering = /^\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、)）:：]?\s*/;
const personName = /^(?:\p{Script=Han}{2,4}|\p{Script=Han}{2,8}·\p{Script=Han}{2,8}|[A-Za-z][A-Za-z'-]{1,20})$/u;

/**
 * 员工名单：张三、李四、王五 — staff by name alone, under a title line. Kept as rows with their
 * missing contact flagged, as the roster parser flags it; undefined when a line holds anything but names.
 */
export function namesOnlyRows(body: string): RosterRow[] | undefined {
  const rows: RosterRow[] = [];
  for (const [index, line] of body.split(/\r?\n/).entries()) {
    const names = line.replace(numbering, '').split(/[\s,，、;；]+/).filter((name) => name !== '');
    if (!names.every((name) => personName.test(name))) return undefined;
    for (const name of names) {
      const entry = buildEntry(
        { name: readNameValue(name), idNumber: null, phone: null, room: null, moveIn: null, action: 'add' },
        { requireRoom: false },
      );
      rows.push({ lineNo: index + 1, entry });
    }
  }
  return rows.length >= 2 ? rows : undefined;
}

const nameCommand = /^(?:档口名称?|店名|档口叫|shop name)\s*[:：]?\s*([\s\S]+)$/i;

/** 「档口名 3号档 王记猪肉」: the name, or undefined when the message is not that. */
export function readShopNameCommand(text: string): string | undefined {
  const match = nameCommand.exec(text.trim());
  if (!match?.[1]) return undefined;
  const name = cleanName(match[1]);
  if (name === '' || name.length > maxNameLength || /\n/.test(name) || holdsNumber.test(normalize(name))) return undefined;
  return name;
}
