import { describe, expect, it } from 'vitest';
import { cellSeparatorOf, cellsOf, sourceLines } from '../../../src/dialogs/roster/lines.ts';

describe('sourceLines', () => {
  it('numbers lines from 1, whatever the line breaks', () => {
    expect(sourceLines('a\r\nb\rc\nd').map((line) => [line.lineNo, line.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
  });

  it.each([
    ['1. 张三', '张三'],
    ['1、张三', '张三'],
    ['12.张三', '张三'],
    ['１．张三', '张三'],
    ['① 张三', '张三'],
    ['(1) 张三', '张三'],
    ['（12）张三', '张三'],
    ['一、张三', '张三'],
    ['十二、张三', '张三'],
    ['1) 张三', '张三'],
    ['第3位：张三', '张三'],
    ['No.5 张三', '张三'],
    ['3 张三', '张三'],
    ['1,张三,138', '张三,138'],
  ])('takes the numbering off %j', (text, body) => {
    const [line] = sourceLines(text);
    expect(line?.body.trim()).toBe(body);
    expect(line?.body).toHaveLength(text.length);
  });

  it.each(['3-2-502 张三', '3 栋 2 单元 502 张三', '3.15入住 张三', '502 张三', '三栋502 张三', '12 号楼'])('leaves %j as it is', (text) => {
    expect(sourceLines(text)[0]?.body).toBe(text);
  });
});

describe('cells', () => {
  it('splits on the strongest separator of the line, keeping empty cells', () => {
    const line = '张三\t\t13812345678\t3-2-502';
    expect(cellsOf(line, cellSeparatorOf(line)).map((cell) => cell.text)).toEqual(['张三', '', '13812345678', '3-2-502']);
    const piped = ' 张三 | 138 1234 5678 | 3-2-502 ';
    expect(cellsOf(piped, cellSeparatorOf(piped)).map((cell) => [cell.index, cell.text])).toEqual([
      [1, '张三'],
      [6, '138 1234 5678'],
      [22, '3-2-502'],
    ]);
    const spaced = '   姓名  电话 房号 ';
    expect(cellsOf(spaced, cellSeparatorOf(spaced)).map((cell) => cell.text)).toEqual(['姓名', '电话', '房号']);
  });
});
