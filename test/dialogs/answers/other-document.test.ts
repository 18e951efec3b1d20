import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readOtherDocument } from '../../../src/dialogs/answers/other-document.ts';
import { anyText, isWellFormed } from './arbitraries.ts';

describe('readOtherDocument', () => {
  it.each([
    ['E12345678', 'passport', 'E12345678'],
    ['e12345678', 'passport', 'E12345678'],
    ['护照 EA1234567', 'passport', 'EA1234567'],
    ['护照号码：G12345678', 'passport', 'G12345678'],
    ['passport no. 123456789', 'passport', '123456789'],
    ['X1234567', 'passport', 'X1234567'],
    ['H12345678', 'hk-macao-permit', 'H12345678'],
    ['回乡证 M1234567890', 'hk-macao-permit', 'M1234567890'],
    ['12345678', 'taiwan-permit', '12345678'],
    ['台胞证：12345678', 'taiwan-permit', '12345678'],
    ['台胞证 1234567890', 'taiwan-permit', '1234567890'],
    ['12345678(B9)', 'taiwan-permit', '12345678B9'],
    ['C12345678', 'exit-entry-permit', 'C12345678'],
    ['港澳通行证：CA1234567', 'exit-entry-permit', 'CA1234567'],
    ['Ｅ１２３４５６７８', 'passport', 'E12345678'],
  ])('%j → %s %s', (input, kind, number) => {
    expect(readOtherDocument(input)).toEqual({ ok: true, value: { kind, number } });
  });

  it.each([
    ['', 'answer.empty'],
    ['123', 'document.unreadable'],
    ['没有证件', 'document.unreadable'],
    ['台胞证 E12345678', 'document.unreadable'],
    ['EE123', 'document.unreadable'],
  ])('%j is refused with %s', (input, reason) => {
    expect(readOtherDocument(input)).toEqual({ ok: false, reason });
  });

  it('never throws', () => {
    fc.assert(fc.property(anyText, (text) => isWellFormed(readOtherDocument(text))));
  });

  it('reads back every Chinese passport number E + 8 digits, with any spacing or case', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), fc.boolean(), fc.constantFrom('', ' ', '护照 '), (digits, lower, label) => {
        const number = `E${digits}`;
        const written = label + (lower ? number.toLowerCase() : number);
        expect(readOtherDocument(written)).toEqual({ ok: true, value: { kind: 'passport', number } });
      }),
    );
  });
});
