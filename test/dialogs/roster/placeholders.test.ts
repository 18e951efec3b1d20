import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHalfWidth } from '../../../src/dialogs/answers/index.ts';
import { canonicalPlaceholder, PlaceholderTable } from '../../../src/dialogs/roster/placeholders.ts';
import { anyText, toFullWidth } from '../answers/arbitraries.ts';
import { tenant } from './generate.ts';

describe('PlaceholderTable', () => {
  it.each([
    ['张三 440106199601257124 13812345678', '张三 ⟨ID1⟩ ⟨PHONE1⟩'],
    ['身份证44010619960125712x，电话138-1234-5678', '身份证⟨ID1⟩，电话⟨PHONE1⟩'],
    ['４４０１０６１９９６０１２５７１２４　１３８　１２３４　５６７８', '⟨ID1⟩　⟨PHONE1⟩'],
    ['+86 139 2583 6147 或 (+86)150-1357-2468', '⟨PHONE1⟩ 或 ⟨PHONE2⟩'],
    ['少一位 1392583614，多一位 139258361470', '少一位 ⟨PHONE1⟩，多一位 ⟨PHONE2⟩'],
    ['17位 44010619960125712 和 15位 440106600513192', '17位 ⟨ID1⟩ 和 15位 ⟨ID2⟩'],
    ['电话 一三九二五八三六一四七', '电话 ⟨PHONE1⟩'],
    ['座机 020-38886666', '座机 ⟨PHONE1⟩'],
    ['乱写的 1381-234-5678', '乱写的 ⟨PHONE1⟩'],
  ])('hides %j', (text, hidden) => {
    expect(new PlaceholderTable().hide(text)).toBe(hidden);
  });

  it.each(['3-2-502 2022.12.1 入住', '12-2-1502', '2026-03-05', '502房 租金1500元'])('leaves rooms, dates and small numbers in %j', (text) => {
    expect(new PlaceholderTable().hide(text)).toBe(text);
  });

  it('gives a number written the same way the same placeholder, across lines', () => {
    const table = new PlaceholderTable();
    expect(table.hide('张三 13812345678')).toBe('张三 ⟨PHONE1⟩');
    expect(table.hide('李四 139 2583 6147，紧急联系 13812345678，138-1234-5678')).toBe('李四 ⟨PHONE2⟩，紧急联系 ⟨PHONE1⟩，⟨PHONE3⟩');
    expect(table.valueOf('⟨PHONE2⟩')).toBe('139 2583 6147');
    expect(table.valueOf('<phone1>')).toBe('13812345678');
    expect(table.valueOf('⟨PHONE4⟩')).toBeNull();
  });

  it('restores what it hid, and no digits of an ID number or phone are left in between', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyText, tenant.map((t) => ` ${t.name} ${t.idNumber} ${t.phone} `), tenant.map((t) => toFullWidth(t.phone)))), (parts) => {
        const text = parts.join('');
        const table = new PlaceholderTable();
        const hidden = table.hide(text);
        expect(table.restore(hidden)).toBe(text);
        const withoutPlaceholders = toHalfWidth(hidden).replace(/⟨(?:ID|PHONE)\d+⟩/g, ' ');
        expect(withoutPlaceholders).not.toMatch(/\d{10}/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('canonicalPlaceholder', () => {
  it.each([
    ['⟨ID1⟩', '⟨ID1⟩'],
    ['<ID1>', '⟨ID1⟩'],
    ['〈phone 12〉', '⟨PHONE12⟩'],
    ['ID3', '⟨ID3⟩'],
    ['440106199601257124', null],
    ['⟨NAME1⟩', null],
  ])('%j → %j', (text, canonical) => {
    expect(canonicalPlaceholder(text)).toBe(canonical);
  });
});
