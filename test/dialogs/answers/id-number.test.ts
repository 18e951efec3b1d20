import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findIdNumbers,
  idCheckChar,
  isValidIdChecksum,
  readIdNumber,
} from '../../../src/dialogs/answers/id-number.ts';
import { anyText, isWellFormed, toFullWidth } from './arbitraries.ts';

const TODAY = '2026-03-05';

// The check character computed here independently of the code under test (GB 11643-1999).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChar = (first17: string): string =>
  '10X98765432'.charAt([...first17].reduce((sum, digit, i) => sum + Number(digit) * (WEIGHTS[i] ?? 0), 0) % 11);

const PROVINCE_CODES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91];
const DAY_MS = 86_400_000;
const pad = (value: number, length: number) => String(value).padStart(length, '0');

interface GeneratedId {
  id: string;
  birthDate: string;
  sex: 'male' | 'female';
}

const validId: fc.Arbitrary<GeneratedId> = fc
  .record({
    province: fc.constantFrom(...PROVINCE_CODES),
    district: fc.integer({ min: 0, max: 9999 }),
    birth: fc.integer({ min: Date.UTC(1900, 0, 1) / DAY_MS, max: Date.UTC(2026, 2, 5) / DAY_MS }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, district, birth, sequence }) => {
    const date = new Date(birth * DAY_MS);
    const ymd = `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}`;
    const first17 = `${province}${pad(district, 4)}${ymd}${pad(sequence, 3)}`;
    return {
      id: first17 + checkChar(first17),
      birthDate: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)}`,
      sex: sequence % 2 === 1 ? 'male' : 'female',
    };
  });

type Writing = (id: string) => string;
const WRITINGS: Record<string, Writing> = {
  plain: (id) => id,
  'lower-case x': (id) => id.toLowerCase(),
  '4-4-4-4-2 with spaces': (id) => id.replace(/^(.{4})(.{4})(.{4})(.{4})(.{2})$/, '$1 $2 $3 $4 $5'),
  '6-8-4 with dashes': (id) => id.replace(/^(.{6})(.{8})(.{4})$/, '$1-$2-$3'),
  'full-width': (id) => toFullWidth(id.toLowerCase()),
  'with a label': (id) => `身份证号：${id}。`,
  'padded with spaces': (id) => `  ${id}  `,
};

describe('readIdNumber', () => {
  it.each([
    ['440603199001011233', '440603199001011233', '1990-01-01', 'male'],
    ['11010519491231002X', '11010519491231002X', '1949-12-31', 'female'],
    ['11010519491231002x', '11010519491231002X', '1949-12-31', 'female'],
    ['４４０６０３１９９００１０１１２３３', '440603199001011233', '1990-01-01', 'male'],
    ['4406 0319 9001 0112 33', '440603199001011233', '1990-01-01', 'male'],
    ['440603 19900101 1233', '440603199001011233', '1990-01-01', 'male'],
    ['440603-19900101-1233', '440603199001011233', '1990-01-01', 'male'],
    ['身份证号：440603199001011233', '440603199001011233', '1990-01-01', 'male'],
    ['我的身份证是 11010519491231002x 。', '11010519491231002X', '1949-12-31', 'female'],
    ['ID: 11010519491231002X', '11010519491231002X', '1949-12-31', 'female'],
  ])('%j → %s', (input, idNumber, birthDate, sex) => {
    expect(readIdNumber(input, TODAY)).toEqual({ ok: true, value: { idNumber, birthDate, sex } });
  });

  it.each([
    ['', 'answer.empty'],
    ['   ', 'answer.empty'],
    ['不知道', 'id.characters'],
    ['E12345678', 'id.characters'],
    ['4406031990O1011233', 'id.characters'],
    ['44060319900101123', 'id.length'],
    ['4406031990010112334', 'id.length'],
    ['440603900101123', 'id.length'],
    ['990603199001011233', 'id.region'],
    ['000603199001011233', 'id.region'],
    ['440603199013011233', 'id.birthdate'],
    ['440603199002301233', 'id.birthdate'],
    ['440603189912311233', 'id.birthdate'],
    ['440603202603061233', 'id.birthdate'],
    ['440603199001011234', 'id.checksum'],
    ['44060319900101123X', 'id.checksum'],
  ])('%j is refused with %s', (input, reason) => {
    expect(readIdNumber(input, TODAY)).toEqual({ ok: false, reason });
  });

  it('accepts a birth date of today and refuses tomorrow', () => {
    const bornToday = `44060320260305123`;
    const bornTomorrow = `44060320260306123`;
    expect(readIdNumber(bornToday + checkChar(bornToday), TODAY).ok).toBe(true);
    expect(readIdNumber(bornTomorrow + checkChar(bornTomorrow), TODAY)).toEqual({ ok: false, reason: 'id.birthdate' });
  });

  it('never throws, whatever is typed', () => {
    fc.assert(fc.property(anyText, (text) => isWellFormed(readIdNumber(text, TODAY))));
  });

  it.each(Object.entries(WRITINGS))('accepts every valid ID written %s, in canonical form', (_, write) => {
    fc.assert(
      fc.property(validId, ({ id, birthDate, sex }) => {
        expect(readIdNumber(write(id), TODAY)).toEqual({ ok: true, value: { idNumber: id, birthDate, sex } });
      }),
    );
  });

  it('refuses every wrong check character with id.checksum', () => {
    fc.assert(
      fc.property(validId, fc.constantFrom(...'0123456789Xx'), ({ id }, wrong) => {
        fc.pre(wrong.toUpperCase() !== id.charAt(17));
        expect(readIdNumber(id.slice(0, 17) + wrong, TODAY)).toEqual({ ok: false, reason: 'id.checksum' });
      }),
    );
  });
});

describe('idCheckChar and isValidIdChecksum', () => {
  it('computes the check character of the standard', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44060319900101123')).toBe('3');
    expect(() => idCheckChar('4406031990010112')).toThrow(RangeError);
  });

  it('agrees with an independent computation', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
        expect(idCheckChar(first17)).toBe(checkChar(first17));
        expect(isValidIdChecksum(first17 + checkChar(first17))).toBe(true);
        expect(isValidIdChecksum(first17 + checkChar(first17).toLowerCase())).toBe(true);
      }),
    );
  });

  it('is false for anything but 18 characters', () => {
    expect(isValidIdChecksum('11010519491231002')).toBe(false);
    expect(isValidIdChecksum('11010519491231002X ')).toBe(false);
    expect(isValidIdChecksum('')).toBe(false);
  });
});

describe('findIdNumbers', () => {
  it('finds ID numbers in a roster row, valid or not, with their place in the text', () => {
    const row = '张三 440603199001011233 13812345678；李四 4406 0319 9001 0112 34 男';
    expect(findIdNumbers(row)).toEqual([
      {
        index: 3,
        length: 18,
        text: '440603199001011233',
        result: { ok: true, value: { idNumber: '440603199001011233', birthDate: '1990-01-01', sex: 'male' } },
      },
      { index: 37, length: 22, text: '4406 0319 9001 0112 34', result: { ok: false, reason: 'id.checksum' } },
    ]);
  });

  it('reports indices into the original text when digits are full-width', () => {
    const row = '王五：１１０１０５１９４９１２３１００２ｘ';
    const [found] = findIdNumbers(row);
    expect(found?.index).toBe(3);
    expect(found?.text).toBe('１１０１０５１９４９１２３１００２ｘ');
    expect(found?.result).toEqual({ ok: true, value: { idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' } });
  });

  it('does not take 18 digits out of a longer run of digits', () => {
    expect(findIdNumbers('1234567890123456789012')).toEqual([]);
    expect(findIdNumbers('4406031990010112334')).toEqual([]);
  });

  it('checks the birth date against today only when given', () => {
    const future = '44060330000101123';
    const text = future + checkChar(future);
    expect(findIdNumbers(text)[0]?.result.ok).toBe(true);
    expect(findIdNumbers(text, TODAY)[0]?.result).toEqual({ ok: false, reason: 'id.birthdate' });
  });

  it('finds every generated ID in a line of other text', () => {
    fc.assert(
      fc.property(validId, fc.constantFrom('张三 ', '', '1号 '), fc.constantFrom(' 13812345678', '', '，男'), ({ id }, before, after) => {
        const found = findIdNumbers(before + id + after);
        expect(found.map(({ index, text }) => [index, text])).toEqual([[before.length, id]]);
      }),
    );
  });

  it('never throws', () => {
    fc.assert(fc.property(anyText, (text) => findIdNumbers(text).every((found) => isWellFormed(found.result))));
  });
});
