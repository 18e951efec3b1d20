import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findRoom, readRoom, type Room } from '../../../src/dialogs/answers/room.ts';
import { anyText, chineseNumeral, isWellFormed } from './arbitraries.ts';

const room = (raw: string, parts: Partial<Omit<Room, 'raw'>>): Room => ({
  raw,
  building: null,
  unit: null,
  room: null,
  street: null,
  ...parts,
});

describe('readRoom', () => {
  it.each([
    ['3栋2单元502', { building: '3', unit: '2', room: '502' }],
    ['3-2-502', { building: '3', unit: '2', room: '502' }],
    ['三栋502', { building: '3', room: '502' }],
    ['B座1203', { building: 'B', room: '1203' }],
    ['b座 1203', { building: 'B', room: '1203' }],
    ['2号楼1单元301室', { building: '2', unit: '1', room: '301' }],
    ['长庚里96号201', { street: '长庚里', building: '96', room: '201' }],
    ['302房', { room: '302' }],
    ['3幢502', { building: '3', room: '502' }],
    ['5号楼502', { building: '5', room: '502' }],
    ['12栋1801', { building: '12', room: '1801' }],
    ['十二栋1801', { building: '12', room: '1801' }],
    ['两栋五零二', { building: '2', room: '502' }],
    ['３栋　２单元　５０２室', { building: '3', unit: '2', room: '502' }],
    ['3 栋 2 单元 502', { building: '3', unit: '2', room: '502' }],
    ['3栋2-502', { building: '3', unit: '2', room: '502' }],
    ['3栋5楼502', { building: '3', room: '502' }],
    ['5楼502', { room: '502' }],
    ['3#502', { building: '3', room: '502' }],
    ['10-1203', { building: '10', room: '1203' }],
    ['A-1203', { building: 'A', room: '1203' }],
    ['A3-1203', { building: 'A3', room: '1203' }],
    ['C12-0801', { building: 'C12', room: '0801' }],
    ['302号', { room: '302' }],
    ['502', { room: '502' }],
    ['我住在3栋2单元502', { building: '3', unit: '2', room: '502' }],
    ['我住在幸福小区3栋502', { street: '幸福小区', building: '3', room: '502' }],
    ['房号：1203', { room: '1203' }],
    ['A区3栋502', { street: 'A区', building: '3', room: '502' }],
    ['二期3栋2单元1502室', { street: '二期', building: '3', unit: '2', room: '1502' }],
    ['长庚里96号', { street: '长庚里', building: '96' }],
  ])('%j → %j', (input, parts) => {
    const result = readRoom(input);
    expect(result.ok && { ...result.value, raw: '' }).toEqual(room('', parts));
  });

  it('keeps what was typed, normalised, as raw', () => {
    expect(readRoom('　３栋　５０２　')).toEqual({ ok: true, value: room('3栋 502', { building: '3', room: '502' }) });
  });

  it.each([
    ['', 'answer.empty'],
    ['不知道', 'room.unreadable'],
    ['3栋', 'room.unreadable'],
    ['5楼', 'room.unreadable'],
    ['13812345678', 'room.unreadable'],
    ['138-1234-5678', 'room.unreadable'],
    ['440603199001011233', 'room.unreadable'],
    ['2022-12-01', 'room.unreadable'],
    ['1500元', 'room.unreadable'],
  ])('%j is refused with %s', (input, reason) => {
    expect(readRoom(input)).toEqual({ ok: false, reason });
  });

  it('never throws', () => {
    fc.assert(fc.property(anyText, (text) => isWellFormed(readRoom(text))));
  });

  it('reads back every building, unit and room in the usual ways of writing them', () => {
    const building = fc.integer({ min: 1, max: 40 });
    const unit = fc.integer({ min: 1, max: 9 });
    const number = fc.tuple(fc.integer({ min: 1, max: 33 }), fc.integer({ min: 1, max: 12 })).map(([floor, door]) => `${floor}${String(door).padStart(2, '0')}`);
    const writings = [
      (b: number, u: number, r: string) => `${b}栋${u}单元${r}`,
      (b: number, u: number, r: string) => `${b}-${u}-${r}`,
      (b: number, u: number, r: string) => `${b}号楼${u}单元${r}室`,
      (b: number, u: number, r: string) => `${chineseNumeral(b)}栋${chineseNumeral(u)}单元${r}`,
      (b: number, u: number, r: string) => `${b}幢 ${u}单元 ${r}房`,
    ];
    fc.assert(
      fc.property(building, unit, number, fc.constantFrom(...writings), (b, u, r, write) => {
        const result = readRoom(write(b, u, r));
        expect(result.ok && [result.value.building, result.value.unit, result.value.room]).toEqual([String(b), String(u), r]);
      }),
    );
  });
});

describe('findRoom', () => {
  it.each([
    ['张三 3-2-502 13812345678', 3, '3-2-502', { building: '3', unit: '2', room: '502' }],
    ['李四\t3栋\t502\t13912345678', 3, '3栋\t502', { building: '3', room: '502' }],
    ['王五 502 13812345678', 3, '502', { room: '502' }],
    ['月租1500元 3栋502', 8, '3栋502', { building: '3', room: '502' }],
    ['赵六 长庚里96号201 3月1日入住', 3, '长庚里96号201', { street: '长庚里', building: '96', room: '201' }],
    ['陈七，１２栋１８０１，１３８１２３４５６７８', 3, '１２栋１８０１', { building: '12', room: '1801' }],
  ])('%j: at %i, %j', (line, index, text, parts) => {
    expect(findRoom(line)).toEqual({ index, length: text.length, text, result: { ok: true, value: room(text, parts) } });
  });

  it.each(['张三 13812345678 440603199001011233', '月租1500元', '2022.12.1入住', '张三 138-1234-5678', '3月1日入住', '上个月15号入住', '3月2号搬来'])('finds no room in %j', (line) => {
    expect(findRoom(line)).toBeNull();
  });

  it('never takes digits of a phone or an ID number for a room', () => {
    const longRun = fc.stringMatching(/^1\d{6,17}$/);
    fc.assert(
      fc.property(longRun, fc.constantFrom(' ', '\t', '，', '张三'), (digits, gap) => {
        const found = findRoom(`${gap}${digits}${gap}`);
        expect(found).toBeNull();
      }),
    );
  });

  it('finds the room of a generated roster row', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 101, max: 3312 }).filter((r) => r % 100 > 0 && r % 100 < 20),
        fc.stringMatching(/^1[3589]\d{9}$/),
        (b, u, r, phone) => {
          const mention = `${b}-${u}-${r}`;
          const found = findRoom(`张三 ${phone} ${mention} 3月1日入住`);
          expect(found?.text).toBe(mention);
          expect(found?.index).toBe(4 + phone.length);
        },
      ),
    );
  });

  it('never throws', () => {
    fc.assert(fc.property(anyText, (text) => {
      const found = findRoom(text);
      return found === null || (isWellFormed(found.result) && text.slice(found.index, found.index + found.length) === found.text);
    }));
  });
});
