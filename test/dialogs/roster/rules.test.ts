import { describe, expect, it } from 'vitest';
import type { RosterEntry } from '../../../src/dialogs/roster/entry.ts';
import { parseRosterRules } from '../../../src/dialogs/roster/rules.ts';

const TODAY = '2026-03-05';

const entriesOf = (text: string, options = {}) => parseRosterRules(text, TODAY, options).entries;
const namesOf = (text: string) => entriesOf(text).map((row) => row.entry.name);
const only = (text: string, options = {}): RosterEntry | undefined => {
  const entries = entriesOf(text, options);
  expect(entries).toHaveLength(1);
  return entries[0]?.entry;
};

describe('parseRosterRules', () => {
  it('does not take the heading of a table, a title or the landlord for a tenant', () => {
    const text = '3栋租户名单\n姓名 身份证号 电话 房号\n张三 440106199601257124 13812345678 502\n房东：王芳 13925836147';
    expect(entriesOf(text).map((row) => [row.lineNo, row.entry.name])).toEqual([[3, '张三']]);
  });

  it('maps the columns of a heading separated by spaces', () => {
    const text = '房号 姓名 电话 籍贯\n502 张三 13812345678 湖北武汉\n503 李四 13925836147 广东';
    expect(entriesOf(text).map((row) => [row.entry.name, row.entry.room?.room])).toEqual([
      ['张三', '502'],
      ['李四', '503'],
    ]);
  });

  it('reports a value it cannot read under its heading, rather than dropping it', () => {
    const text = '姓名\t身份证号\t电话\t房号\n张三\t4401061996\t138123\t5栋';
    expect(only(text)).toMatchObject({
      name: '张三',
      idNumber: '4401061996',
      phone: '138123',
      room: { raw: '5栋', room: null },
      problems: ['id.length', 'phone.invalid', 'room.unreadable'],
    });
  });

  it('takes a name under its heading even when it is no Chinese name', () => {
    expect(only('姓名\t电话\t房号\nTom Smith\t13812345678\t3-2-502')).toMatchObject({ name: 'Tom Smith', valid: true });
  });

  it('treats a cell saying there is nothing as empty', () => {
    expect(only('姓名\t身份证号\t电话\t房号\n张三\t无\t13812345678\t502')).toMatchObject({ idNumber: null, valid: true });
  });

  it('needs no room for a shop’s staff when told so', () => {
    expect(only('张三 13812345678', { requireRoom: false })).toMatchObject({ valid: true, problems: [] });
    expect(only('张三 13812345678')).toMatchObject({ valid: false, problems: ['room.missing'] });
  });

  it('needs only a name or a room for someone who moved out', () => {
    expect(only('张三 已搬走')).toMatchObject({ action: 'remove', valid: true });
    const rows = entriesOf('张三 13812345678 3-2-501\n3-2-502 13925836147 退租');
    expect(rows[1]?.entry).toMatchObject({ name: null, action: 'remove', valid: true });
  });

  it('takes the value after the word of changing for an update', () => {
    expect(only('张三 电话 13812345678 改为 13925836147 3-2-502')).toMatchObject({ phone: '13925836147', action: 'update' });
    expect(only('张三 13812345678 从3-2-502换到3-2-601')).toMatchObject({ room: { raw: '3-2-601' }, action: 'update' });
  });

  it('ends a room heading with the blank line after its rows', () => {
    const text = '502房：\n张三 13812345678\n\n李四 13925836147';
    expect(entriesOf(text).map((row) => row.entry.room?.raw ?? null)).toEqual(['502房', null]);
  });

  it('keeps a room heading across a blank line right below it', () => {
    const text = '新来的：\n\n张三 13812345678 502\n李四 13925836147 503\n搬走的：\n王五 601';
    expect(entriesOf(text).map((row) => row.entry.action)).toEqual(['add', 'add', 'remove']);
  });

  it('reads a day of the month as a house number unless it is about moving in', () => {
    expect(only('张三 13812345678 长庚里15号')).toMatchObject({ room: { raw: '长庚里15号', building: '15' }, moveIn: null });
    expect(only('张三 13812345678 3-2-502 15号入住')).toMatchObject({ moveIn: '2026-02-15' });
  });

  it('does not take a name that begins with a weekday for a date', () => {
    expect(only('周一鸣 13812345678 3-2-502')).toMatchObject({ name: '周一鸣', moveIn: null });
    expect(only('张三 13812345678 3-2-502 上周一入住')).toMatchObject({ moveIn: '2026-02-23' });
  });

  it('takes a street written apart from its number for a name', () => {
    expect(only('张园 96号201 13812345678')).toMatchObject({ name: '张园', room: { raw: '96号201' } });
  });

  it('reports a line with numbers in prose as unread, and the message is still a roster', () => {
    const parsed = parseRosterRules('张三 13812345678 3-2-502\n李四的电话好像是139 2583 614，我再问问', TODAY);
    expect(parsed.isRoster).toBe(true);
    expect(parsed.unreadLines).toEqual([{ lineNo: 2, text: '李四的电话好像是139 2583 614，我再问问' }]);
  });

  it('flags the second row with an ID number already listed', () => {
    const rows = entriesOf('张三 440106199601257124 3-2-502\n张三 440106199601257124 3-2-502');
    expect(rows.map((row) => row.entry.problems)).toEqual([[], ['id.duplicate']]);
  });

  it('joins a tenant written over several lines, and not two tenants', () => {
    expect(namesOf('张三\n440106199601257124\n13812345678\n3-2-502\n李四\n13925836147')).toEqual(['张三', '李四']);
    expect(entriesOf('张三\n440106199601257124\n13812345678\n3-2-502')[0]?.entry.valid).toBe(true);
  });

  it('reads names next to sex, home town and relation', () => {
    expect(namesOf('张三 男 湖北武汉 13812345678 502\n李四（妻子） 女 13925836147 502')).toEqual(['张三', '李四']);
  });

  it('tells several people on one line apart', () => {
    expect(namesOf('502：张三 13812345678、李四 13925836147、王五 15013572468')).toEqual(['张三', '李四', '王五']);
    expect(entriesOf('440106199601257124 张三 13812345678 440104199509178965 李四 13925836147 3-2-502').map((row) => [row.entry.name, row.entry.phone])).toEqual([
      ['张三', '13812345678'],
      ['李四', '13925836147'],
    ]);
  });

  it('gives nothing for a message that is no roster', () => {
    expect(parseRosterRules('3栋502的租客怎么登记？', TODAY)).toEqual({ isRoster: false, entries: [], unreadLines: [] });
  });
});
