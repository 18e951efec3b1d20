/**
 * A pasted message as lines and cells: numbering taken off (1. 1、 ① (1) 一、), cells of tables
 * copied from Excel (tabs), or separated by commas of either width, 、, | or ;.
 */

import { toHalfWidth, withoutInvisible } from '../answers/index.ts';

export interface SourceLine {
  lineNo: number;
  /** The line as sent. */
  text: string;
  /** Half-width, numbering blanked out; the same length as `text`, so that indices agree. */
  body: string;
}

export interface Cell {
  index: number;
  text: string;
}

// Each a numbering at the start of a line. Digits followed by a building or room mark are an
// address (3 栋 502), and 3.15 is a date, so neither is numbering.
const NUMBERING = new RegExp(
  [
    // 502: is a room heading its tenants, not the 502nd line.
    String.raw`^\s*(?:No\.?\s*|第\s*)?(?:\d{1,3}\s*[.、)]|\d{1,2}\s*:|\d{1,3}\s*,(?=\s*\p{Script=Han}))(?!\d)`,
    String.raw`^\s*No\.?\s*\d{1,3}(?=\s)`,
    String.raw`^\s*\(\s*\d{1,3}\s*\)`,
    String.raw`^\s*[\u2460-\u2473\u2776-\u277f]`,
    String.raw`^\s*[一二三四五六七八九十]{1,3}\s*[,.:)]`,
    String.raw`^\s*第[一二三四五六七八九十\d]{1,3}(?:个|位|户|人|名)?\s*[,:.]`,
    String.raw`^\s*\d{1,2}(?=[ \t]+(?![栋号座幢楼单元#区期\-\d])\S)`,
  ].join('|'),
  'u',
);

// 、 has become a comma in the half-width text.
const CELL_SEPARATORS: readonly RegExp[] = [/\t/, /\|/, /,/, /;/, /\s+/];

/** The message's lines, numbered from 1 as people count them. */
export function sourceLines(message: string): SourceLine[] {
  return withoutInvisible(message)
    .split(/\r\n|\r|\n/)
    .map((text, i) => ({ lineNo: i + 1, text, body: withoutNumbering(toHalfWidth(text)) }));
}

function withoutNumbering(line: string): string {
  const numbering = NUMBERING.exec(line);
  if (numbering === null) return line;
  return ' '.repeat(numbering[0].length) + line.slice(numbering[0].length);
}

/** The separator of a line's cells: the strongest one it has. */
export function cellSeparatorOf(line: string): RegExp {
  return CELL_SEPARATORS.find((separator) => separator.test(line.trim())) ?? /\t/;
}

/** The cells of a line, with where each starts; empty cells are kept, so that columns stay in place. */
export function cellsOf(line: string, separator: RegExp): Cell[] {
  const pattern = new RegExp(separator.source, 'g');
  // Spaces around a line separated by spaces are no empty cells; around tabs they may be.
  const bySpaces = separator.source === String.raw`\s+`;
  let start = bySpaces ? line.length - line.trimStart().length : 0;
  const end = bySpaces ? line.trimEnd().length : line.length;
  const cells: Cell[] = [];
  for (const match of line.slice(0, end).matchAll(pattern)) {
    if (match.index < start) continue;
    cells.push(cellAt(line, start, match.index));
    start = match.index + match[0].length;
  }
  cells.push(cellAt(line, start, end));
  return cells;
}

function cellAt(line: string, start: number, end: number): Cell {
  const raw = line.slice(start, end);
  const leading = raw.length - raw.trimStart().length;
  return { index: start + leading, text: raw.trim() };
}
