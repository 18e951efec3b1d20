import { describe, expect, it } from 'vitest';
import { looksLikeRowCommand, parseRosterCommand } from '../../../src/bot/handlers/roster/corrections.ts';

describe('corrections to a roster', () => {
  it.each([
    ['第3行 房号改为502', { kind: 'set', row: 3, field: 'room', value: '502' }],
    ['第3行房号502', { kind: 'set', row: 3, field: 'room', value: '502' }],
    ['第三行房号改成3-2-502', { kind: 'set', row: 3, field: 'room', value: '3-2-502' }],
    ['第２行身份证 440603198503152015', { kind: 'set', row: 2, field: 'idNumber', value: '440603198503152015' }],
    ['第2行身份证号码：44060319920720302x', { kind: 'set', row: 2, field: 'idNumber', value: '44060319920720302x' }],
    ['第2行手机 13912345678', { kind: 'set', row: 2, field: 'phone', value: '13912345678' }],
    ['第4行姓名 王五', { kind: 'set', row: 4, field: 'name', value: '王五' }],
    ['第4行 入住日期 3月1日', { kind: 'set', row: 4, field: 'moveIn', value: '3月1日' }],
    ['删掉第5行', { kind: 'delete', row: 5 }],
    ['删除第五行', { kind: 'delete', row: 5 }],
    ['第5行删掉', { kind: 'delete', row: 5 }],
    ['row 3 room 502', { kind: 'set', row: 3, field: 'room', value: '502' }],
    ['Row 2 phone: 13912345678', { kind: 'set', row: 2, field: 'phone', value: '13912345678' }],
    ['delete row 5', { kind: 'delete', row: 5 }],
    ['确认', { kind: 'confirm' }],
    ['确认。', { kind: 'confirm' }],
    ['confirm', { kind: 'confirm' }],
    ['取消', { kind: 'cancel' }],
  ])('reads %s', (text, command) => {
    expect(parseRosterCommand(text)).toEqual(command);
  });

  it.each(['你好', '第3行', '第3行 不知道', '房号502', '是', '3栋2单元502'])('takes %s for no command', (text) => {
    expect(parseRosterCommand(text)).toBeNull();
  });

  it('knows an attempt at a row command that it cannot read', () => {
    expect(looksLikeRowCommand('第3行 不知道')).toBe(true);
    expect(looksLikeRowCommand('你好')).toBe(false);
  });
});
