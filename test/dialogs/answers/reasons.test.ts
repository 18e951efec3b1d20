import { describe, expect, it } from 'vitest';
import { isValidIdChecksum, readIdNumber } from '../../../src/dialogs/answers/id-number.ts';
import { REASON_CODES, isReasonCode, reasonText } from '../../../src/dialogs/answers/reasons.ts';

describe('reason catalogue', () => {
  it('has the codes the readers refuse with', () => {
    for (const code of [
      'answer.empty',
      'id.length',
      'id.checksum',
      'id.birthdate',
      'id.region',
      'id.characters',
      'phone.landline',
      'phone.length',
      'phone.invalid',
      'name.digits',
      'name.length',
      'room.unreadable',
      'date.unreadable',
      'date.invalid',
      'date.future',
    ]) {
      expect(isReasonCode(code), code).toBe(true);
    }
  });

  it.each(REASON_CODES)('%s has a Chinese and an English message', (code) => {
    const zh = reasonText(code, 'zh-CN');
    const en = reasonText(code, 'en');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).toMatch(/^[A-Z]/);
    expect(zh).not.toBe(en);
  });

  it('gives the check-digit message with a valid example number', () => {
    const zh = reasonText('id.checksum', 'zh-CN');
    expect(zh.startsWith('身份证号校验位不对')).toBe(true);
    const example = /\d{17}[\dX]/.exec(zh)?.[0] ?? '';
    expect(isValidIdChecksum(example)).toBe(true);
    expect(readIdNumber(example, '2026-03-05')).toEqual({
      ok: true,
      value: { idNumber: '440603199001011233', birthDate: '1990-01-01', sex: 'male' },
    });
    expect(reasonText('id.checksum', 'en')).toContain('check digit');
  });

  it('answers a code it does not know with a general request to answer again', () => {
    expect(reasonText('roster.something', 'zh-CN')).toBe('没看懂您的回答，请再回复一次。');
    expect(reasonText('roster.something', 'en')).toBe('We could not understand the answer; please reply once more.');
  });
});
