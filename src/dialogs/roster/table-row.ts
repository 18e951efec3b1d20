/**
 * A row of a table with a heading line (姓名 身份证号 电话 房号): a cell under a heading that the
 * finders left empty-handed is still read as what its heading says, so that a defective value
 * is reported rather than lost, and the name is taken from the name column alone.
 */

import type { ColumnKind } from './columns.ts';
import type { Cell } from './lines.ts';
import type { LineMentions, Mention } from './mentions.ts';
import { nameMentions } from './names.ts';
import { phoneFromReader, readIdValue, readMoveIn, readNameValue, readRoomValue } from './readings.ts';

/** What the heading of each cell says it holds. */
export interface ColumnHints {
  cells: readonly Cell[];
  kinds: readonly (ColumnKind | null)[];
}

const EMPTY_CELL = /^(?:[-—/\\]+|无|暂无|没有|空|不详|未知|N\/?A|null)?$/iu;
const NAME_COLUMN_SCORE = 2;

const within = (index: number, cell: Cell): boolean => index >= cell.index && index < cell.index + Math.max(cell.text.length, 1);

export function readColumns(mentions: LineMentions, columns: ColumnHints, today: string): void {
  columns.cells.forEach((cell, i) => {
    const kind = columns.kinds[i];
    if (EMPTY_CELL.test(cell.text)) return;
    const has = (list: readonly { index: number }[]): boolean => list.some((mention) => within(mention.index, cell));
    // A defective number is read as what its column says it is: 4401061996 under 身份证号 is a
    // short ID number, not a phone. A valid one stays what it is, as when columns were swapped.
    const defectiveIn = (list: Mention<string>[]): boolean => {
      const index = list.findIndex((mention) => within(mention.index, cell) && mention.value.problem !== null);
      if (index >= 0) list.splice(index, 1);
      return index >= 0;
    };
    if (kind === 'id' && !has(mentions.ids) && (defectiveIn(mentions.phones) || !has(mentions.phones))) {
      mentions.ids.push({ index: cell.index, value: readIdValue(cell.text, today) });
    }
    if (kind === 'phone' && !has(mentions.phones) && (defectiveIn(mentions.ids) || !has(mentions.ids))) {
      mentions.phones.push({ index: cell.index, value: phoneFromReader(cell.text) });
    }
    if (kind === 'room' && !has(mentions.rooms)) mentions.rooms.push({ index: cell.index, value: readRoomValue(cell.text) });
    if (kind === 'moveIn' && !has(mentions.dates)) mentions.dates.push({ index: cell.index, value: readMoveIn(cell.text, today) });
    if (kind === 'name') mentions.names.push(...namesInCell(mentions.rest, cell));
  });
}

// Latin names and names of no known surname are names here, since the heading says so.
function namesInCell(rest: string, cell: Cell): LineMentions['names'] {
  const text = rest.slice(cell.index, cell.index + cell.text.length);
  const names = nameMentions(text).map((name) => ({ ...name, index: name.index + cell.index, score: Math.max(name.score, NAME_COLUMN_SCORE) }));
  if (names.length > 0 || text.trim() === '') return names;
  return [{ index: cell.index, length: cell.text.length, score: NAME_COLUMN_SCORE, value: readNameValue(text) }];
}
