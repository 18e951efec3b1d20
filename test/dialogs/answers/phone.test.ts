import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPhones, readMobilePhone } from '../../../src/dialogs/answers/phone.ts';
import { anyText, isWellFormed, toFullWidth } from './arbitraries.ts';

// Prefixes whose every number libphonenumber takes for a mobile.
const PREFIXES = [
  ...'0123456789'.split('').map((d) => `13${d}`),
  ...'01235689'.split('').map((d) => `15${d}`),
  ...'0123456789'.split('').map((d) => `18${d}`),
  ...'01235678'.split('').map((d) => `19${d}`),
  '166',
  '170',
  '173',
  '176',
  '177',
  '178',
];

const mobile = fc.tuple(fc.constantFrom(...PREFIXES), fc.stringMatching(/^\d{8}$/)).map(([prefix, rest]) => prefix + rest);

const WRITINGS: Record<string, (number: string) => string> = {
  plain: (n) => n,
  '3-4-4 with spaces': (n) => `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
  '3-4-4 with dashes': (n) => `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`,
  '+86': (n) => `+86${n}`,
  '+86 and spaces': (n) => `+86 ${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
  '0086': (n) => `0086${n}`,
  '86': (n) => `86${n}`,
  '(+86)': (n) => `(+86)${n}`,
  'full-width': (n) => toFullWidth(`+86 ${n}`),
  'with a label': (n) => `手机：${n}`,
};

describe('readMobilePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-138-1234-5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['0086 138 1234 5678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['(+86) 13812345678', '13812345678'],
    ['（＋８６）１３８１２３４５６７８', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['手机：13812345678', '13812345678'],
    ['tel: 139 1234 5678', '13912345678'],
    ['13812345678（微信同号）', '13812345678'],
    ['19912345678', '19912345678'],
    ['013812345678', '13812345678'],
  ])('%j → %s', (input, expected) => {
    expect(readMobilePhone(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'answer.empty'],
    ['020-12345678', 'phone.landline'],
    ['0755 8888 8888', 'phone.landline'],
    ['(010) 6512 3456', 'phone.landline'],
    ['88888888', 'phone.landline'],
    ['1381234567', 'phone.length'],
    ['138123456789', 'phone.length'],
    ['+86 138 1234 567', 'phone.length'],
    ['12345678901', 'phone.invalid'],
    ['11012345678', 'phone.invalid'],
    ['abc', 'phone.invalid'],
    ['123', 'phone.invalid'],
    ['138 1234 5678 / 139 1234 5678', 'phone.invalid'],
    ['+852 9123 4567', 'phone.foreign'],
    ['+1 212 555 0100', 'phone.foreign'],
  ])('%j is refused with %s', (input, reason) => {
    expect(readMobilePhone(input)).toEqual({ ok: false, reason });
  });

  it('never throws', () => {
    fc.assert(fc.property(anyText, (text) => isWellFormed(readMobilePhone(text))));
  });

  it.each(Object.entries(WRITINGS))('accepts every valid mobile written %s', (_, write) => {
    fc.assert(
      fc.property(mobile, (number) => {
        expect(readMobilePhone(write(number))).toEqual({ ok: true, value: number });
      }),
    );
  });

  it('refuses a mobile with a digit missing or one too many with phone.length', () => {
    fc.assert(
      fc.property(mobile, fc.integer({ min: 3, max: 10 }), fc.boolean(), (number, at, drop) => {
        const changed = drop ? number.slice(0, at) + number.slice(at + 1) : number.slice(0, at) + '5' + number.slice(at);
        expect(readMobilePhone(changed)).toEqual({ ok: false, reason: 'phone.length' });
      }),
    );
  });
});

describe('findPhones', () => {
  it('finds the mobiles of a roster row with their place, and not the digits of the ID number', () => {
    const row = '张三 440603199001011233 13812345678，李四 138 1234 567，王五 +86 139-1234-5678 3-2-502';
    expect(findPhones(row)).toEqual([
      { index: 22, length: 11, text: '13812345678', result: { ok: true, value: '13812345678' } },
      { index: 37, length: 12, text: '138 1234 567', result: { ok: false, reason: 'phone.length' } },
      { index: 53, length: 17, text: '+86 139-1234-5678', result: { ok: true, value: '13912345678' } },
    ]);
  });

  it('does not take phones out of ID numbers or other long runs of digits', () => {
    expect(findPhones('441381199001011234')).toEqual([]);
    expect(findPhones('1381234567813812345678')).toEqual([]);
    expect(findPhones('4406 0319 9001 0112 34')).toEqual([]);
  });

  it('reports indices into the original text when digits are full-width', () => {
    const [found] = findPhones('电话：１３８１２３４５６７８');
    expect(found).toEqual({ index: 3, length: 11, text: '１３８１２３４５６７８', result: { ok: true, value: '13812345678' } });
  });

  it('finds every generated mobile next to an ID number', () => {
    fc.assert(
      fc.property(mobile, fc.constantFrom(' ', '\t', '，'), (number, gap) => {
        const row = `张三${gap}11010519491231002X${gap}${number}${gap}3-2-502`;
        const found = findPhones(row);
        expect(found.map((f) => f.result)).toEqual([{ ok: true, value: number }]);
        expect(found[0]?.index).toBe(row.indexOf(number));
      }),
    );
  });

  it('never throws', () => {
    fc.assert(fc.property(anyText, (text) => findPhones(text).every((found) => isWellFormed(found.result))));
  });
});
