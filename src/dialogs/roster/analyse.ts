/**
 * Reads a pasted message line by line: which lines are rows, headings of a table, titles,
 * sections ("新来的：", "502房："), and which carry something the rules could not read.
 * Rows spread over several lines (姓名：… / 电话：…) are joined into one.
 */

import { columnKindOf, LIST_WORDS, OWNER_LINE, TITLE_WORDS, type ColumnKind } from './columns.ts';
import { canComplete, canJoin, completeWith, draftOf, inherit, join, nextSection, NO_SECTION, sectionOf, type DraftRow, type Section } from './drafts.ts';
import { cellSeparatorOf, cellsOf, sourceLines, type SourceLine } from './lines.ts';
import { blank, findMentions, type ColumnHints, type LineMentions } from './mentions.ts';
import { unexplainedLetters } from './names.ts';
import { mergeGroups } from './groups.ts';
import { peopleOf, type Person } from './people.ts';
import { placeOf, withinPlace, type Place } from './place.ts';

export type { DraftRow } from './drafts.ts';

export type LineKind = 'blank' | 'header' | 'title' | 'owner' | 'example' | 'section' | 'row' | 'joined' | 'question' | 'prose' | 'unread';

export interface AnalysedLine {
  lineNo: number;
  text: string;
  kind: LineKind;
  /** Han letters on the line: notices are long prose. */
  letters: number;
}

export interface Analysis {
  lines: AnalysedLine[];
  rows: DraftRow[];
}

interface Table {
  separator: RegExp;
  kinds: (ColumnKind | null)[];
}

const HAN = /\p{Script=Han}/gu;
const QUESTION = /[?？]\s*$|怎么|如何|请问|能不能|可不可以|是不是|有没有|吗[?？。.!！\s]*$|呢[?？。.!！\s]*$|多少|哪里|哪个|为什么|咋/u;
// A line that only announces what follows ("新来的：", "以下已退租") heads a section.
const HEADS_SECTION = /[:：]\s*$|以下|如下|下面|的租客|的租户|的人/;
// A move-in said once for every row of the list.
const COMMON = /都|均|全部|全都|统一|一律/;
// A notice showing the format it asks for ("例如：张三 4401… 138…") gives an example, not a tenant.
const EXAMPLE = /例如|比如|示例|样例|范例|模板|格式如下|参考格式/;
// A chat history copied whole has its sender and time above each message: "王芳 10:21".
const CHAT_HEADER = /^\s*\S{1,20}\s+(?:\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?\s+)?(?:上午|下午|晚上)?\d{1,2}:\d{2}(?::\d{2})?\s*$/;
const DIGIT_RUN = /\d{3,}/;
const MERE_NAME_LEFTOVER = 2;
/** Letters beyond a name and fields that a row may have ("是我表弟") and still be a roster line. */
export const ROW_LEFTOVER_LIMIT = 4;

export function analyseMessage(message: string, today: string): Analysis {
  const reader = new MessageReader(today);
  const lines = sourceLines(message).map((source) => ({
    lineNo: source.lineNo,
    text: source.text,
    kind: reader.read(source),
    letters: source.body.match(HAN)?.length ?? 0,
  }));
  return { lines, rows: reader.finish() };
}

/** What has been read so far, and what a line means in its light. */
class MessageReader {
  readonly rows: DraftRow[] = [];
  private table: Table | null = null;
  private section: Section = NO_SECTION;
  // A section ends with the blank line after its rows, not with one right below its heading.
  private sectionHasRows = false;
  // The rows of the line before, which a line with more fields of the same person may complete.
  private previous: DraftRow[] = [];
  // The building or lane a heading named for every row below it.
  private place: Place | null = null;
  // 「都是去年8月开始住的」: one move-in for every row, said above or below them.
  private commonMoveIn: DraftRow['moveIn'] = null;
  // The room of the table row above, for a row whose room cell was merged with it in Excel.
  private tableRoom: DraftRow['room'] = null;

  constructor(private readonly today: string) {}

  read(source: SourceLine): LineKind {
    const kind = this.kindOf(source);
    if (kind !== 'row' && kind !== 'joined') this.previous = [];
    return kind;
  }

  private kindOf({ body, lineNo }: SourceLine): LineKind {
    if (body.trim() === '') return this.blankLine();
    const heading = headingOf(body);
    if (heading !== null) {
      this.table = heading;
      return 'header';
    }
    const hints = this.table === null ? undefined : hintsFor(body, this.table);
    if (hints === undefined) {
      this.table = null;
      this.tableRoom = null;
    }
    if (OWNER_LINE.test(body.trim())) return 'owner';
    if (CHAT_HEADER.test(body)) return 'prose';
    if (EXAMPLE.test(body)) return 'example';

    const mentions = findMentions(body, this.today, hints);
    const people = peopleOf(mentions);
    const leftover = unexplainedLetters(withoutNames(mentions, people));
    const isPerson =
      people.some((p) => p.name !== null || p.id !== null || p.phone !== null) && !isMereWord(people, mentions, leftover, body) && !namesList(mentions, body);
    if (QUESTION.test(body) && mentions.ids.length === 0) return DIGIT_RUN.test(mentions.rest) || isPerson ? 'unread' : 'question';
    // Prose with numbers in it ("上面的电话打错了，应该是137…", "张三的老婆也住502") is for the
    // model, not a row: the rules found no name in it, or a name and no number of that person.
    const weak = people.every((p) => p.name === null || (p.id === null && p.phone === null));
    if (isPerson && weak && leftover > ROW_LEFTOVER_LIMIT) return 'unread';
    if (isPerson) return this.personLine(draftsOf(people, mentions, lineNo, leftover, hints !== undefined));

    const place = placeOf(body);
    if (place !== null) this.place = place;
    const heads = sectionOf(mentions, body);
    if (heads?.moveIn != null && heads.room === null && COMMON.test(body)) {
      this.commonMoveIn = heads.moveIn;
      return 'title';
    }
    if (heads !== null) return this.sectionLine(heads, leftover, HEADS_SECTION.test(body));
    if (TITLE_WORDS.test(body)) return 'title';
    if (place !== null) return 'title';
    return DIGIT_RUN.test(mentions.rest) ? 'unread' : 'prose';
  }

  /** The rows, once every line is read: what was said for all of them applied. */
  finish(): DraftRow[] {
    const common = this.commonMoveIn;
    if (common !== null) for (const row of this.rows) row.moveIn ??= common;
    return mergeGroups(this.rows);
  }

  private blankLine(): LineKind {
    this.table = null;
    if (this.sectionHasRows) this.section = NO_SECTION;
    this.sectionHasRows = false;
    return 'blank';
  }

  private personLine(drafts: DraftRow[]): LineKind {
    const [draft] = drafts;
    const [last] = this.previous;
    if (drafts.length === 1 && draft !== undefined && this.previous.length === 1 && last !== undefined && canJoin(last, draft)) {
      join(last, draft);
      return 'joined';
    }
    for (const row of drafts) {
      inherit(row, this.section);
      if (row.fromTable) this.carryTableRoom(row);
      if (this.place !== null && row.room !== null) row.room = withinPlace(row.room, this.place);
    }
    this.rows.push(...drafts);
    this.sectionHasRows = true;
    this.previous = drafts;
    return 'row';
  }

  private carryTableRoom(row: DraftRow): void {
    if (row.room === null) row.room = this.tableRoom;
    else this.tableRoom = row.room;
  }

  // A room, a date or a note alone completes the row above it, or heads the rows below it.
  private sectionLine(heads: Section, leftover: number, announces: boolean): LineKind {
    const [last] = this.previous;
    if (!announces && this.previous.length === 1 && last !== undefined && canComplete(last, heads)) {
      completeWith(last, heads, leftover);
      return 'joined';
    }
    this.section = nextSection(this.section, heads);
    this.sectionHasRows = false;
    return 'section';
  }
}

// A line with a name and nothing else is a person only if the name is a likely one and stands
// alone: "老乡鸡店员工变动" is a title, "水产档" a stall.
function isMereWord(people: readonly Person[], mentions: LineMentions, leftover: number, body: string): boolean {
  const [person] = people;
  if (people.length !== 1 || person === undefined || person.name === null) return false;
  if (person.id !== null || person.phone !== null || person.room !== null || person.moveIn !== null || mentions.notes.length > 0) return false;
  return person.name.score < 1 || leftover > MERE_NAME_LEFTOVER || TITLE_WORDS.test(body);
}

// A person's row has a way to find them: a line that names a list (3号档 王记猪肉 员工名单) and
// gives neither an ID number nor a phone heads the list, whatever name-like words are in it.
const namesList = (mentions: LineMentions, body: string) => LIST_WORDS.test(body) && mentions.ids.length === 0 && mentions.phones.length === 0;

// More ID numbers than people on a line: the ones left over would vanish without a word.
function draftsOf(people: readonly Person[], mentions: LineMentions, lineNo: number, leftover: number, fromTable: boolean): DraftRow[] {
  const crowded = mentions.ids.length > Math.max(1, people.length) && !mentions.notes.some((note) => note.action === 'update');
  return people.map((person) => {
    const draft = draftOf(person, lineNo, leftover, fromTable);
    if (crowded) draft.problems.push('id.many');
    return draft;
  });
}

function headingOf(body: string): Table | null {
  if (/\d/.test(body)) return null;
  const separator = cellSeparatorOf(body);
  const cells = cellsOf(body, separator);
  const kinds = cells.map((cell) => columnKindOf(cell.text));
  const filled = cells.filter((cell) => cell.text !== '').length;
  const known = kinds.filter((kind) => kind !== null).length;
  if (known < 2 || known * 2 < filled) return null;
  return { separator, kinds };
}

// A row belongs to the table above while it has as many cells; a trailing empty cell is forgiven.
function hintsFor(body: string, table: Table): ColumnHints | undefined {
  const cells = cellsOf(body, table.separator);
  while (cells.length > table.kinds.length && cells.at(-1)?.text === '') cells.pop();
  if (cells.length !== table.kinds.length && cells.length !== table.kinds.length - 1) return undefined;
  return { cells, kinds: table.kinds };
}

function withoutNames(mentions: LineMentions, people: readonly Person[]): string {
  let rest = mentions.rest;
  for (const { name } of people) if (name !== null) rest = blank(rest, name.index, name.length);
  return rest;
}
