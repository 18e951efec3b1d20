import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone, maskText } from '../../src/privacy/index.ts';

describe('masking', () => {
  it('keeps the ends of an ID number and a phone', () => {
    expect(maskIdNumber('44060319900101123X')).toBe('4406**********123X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks every ID number and phone in a free text, however it is written', () => {
    const text = '张三 44060319900101123x 电话138-1234-5678，李四 4406 0319 9001 0112 34 +86 139 0000 1111 房号502';
    const masked = maskText(text);
    expect(masked).toBe('张三 4406**********123x 电话138****5678，李四 4406**********1234 139****1111 房号502');
  });

  it('masks full-width digits too and leaves short numbers alone', () => {
    expect(maskText('手机１３８１２３４５６７８，3栋2单元502，2022.12.1入住')).toBe('手机138****5678，3栋2单元502，2022.12.1入住');
  });

  it('masks other long numbers such as a mistyped ID or a passport', () => {
    expect(maskText('证件 E12345678 号码 4406031990010112')).toBe('证件 E123*5678 号码 4406********0112');
  });
});
