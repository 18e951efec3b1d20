import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAbnormal, readCheckinAnswer } from '../../src/dialogs/checkin-answer.ts';

describe('check-in answers', () => {
  it.each([
    ['36.5 无', { temperature: 36.5, symptoms: null }],
    ['体温36.8，没有不舒服', { temperature: 36.8, symptoms: null }],
    ['３６.６度 正常', { temperature: 36.6, symptoms: null }],
    ['36点7 挺好', { temperature: 36.7, symptoms: null }],
    ['37.6 有点咳嗽', { temperature: 37.6, symptoms: '有点咳嗽' }],
    ['36.2℃ 嗓子疼', { temperature: 36.2, symptoms: '嗓子疼' }],
    ['36.5 fine', { temperature: 36.5, symptoms: null }],
    ['37', { temperature: 37, symptoms: null }],
  ])('reads %s', (text, expected) => {
    expect(readCheckinAnswer(text)).toEqual(expected);
  });

  it.each(['好的', '没有发烧', '今天不在家', '12345'])('asks again when no temperature is given: %s', (text) => {
    expect(readCheckinAnswer(text)).toBeNull();
  });

  it('counts a fever or a symptom as needing a follow-up', () => {
    expect(isAbnormal({ temperature: 37.3, symptoms: null })).toBe(true);
    expect(isAbnormal({ temperature: 36.5, symptoms: '咳嗽' })).toBe(true);
    expect(isAbnormal({ temperature: 37.2, symptoms: null })).toBe(false);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      readCheckinAnswer(text);
    }));
  });
});
