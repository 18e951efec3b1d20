import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readShopStatus } from '../../src/dialogs/shop-status-answer.ts';

/** The staff list of a pork stall: 张三丰 holds 张三 inside it, Mary is written in Latin letters. */
const staff = ['张三', '李四', '王五', '张三丰', 'Mary'];

describe('a shop owner says all staff are well', () => {
  it.each([
    '李四好了', '李四已经退烧了，其他都正常', '都好的', '👌', '正常', '都正常', '全部正常', '全都正常', '全员正常', '一切正常', '大家都好', '都没事', '没问题', '无异常', '都没发烧',
    'ok', 'OK', 'Ok。', '  正常！', '正常。', 'all good', 'All normal', 'everyone is fine', '３号档都正常', '今天都正常',
  ])('%s', (text) => {
    expect(readShopStatus(text, staff)).toEqual({ kind: 'all-normal' });
  });
});

describe('a shop owner names who is not well', () => {
  it.each([
    ['李四 发烧', [['李四', '发烧']]],
    ['李四发烧', [['李四', '发烧']]],
    ['李四 有点咳嗽', [['李四', '咳嗽']]],
    ['李四今天请假了', [['李四', '请假']]],
    ['李四 38.5', [['李四', '38.5']]],
    ['张三 38.5度 咳嗽', [['张三', '38.5度 咳嗽']]],
    ['张三发烧38度，李四咳嗽，其余正常', [['张三', '发烧38度'], ['李四', '咳嗽']]],
    ['李四发烧在家休息', [['李四', '发烧在家休息']]],
    ['李四 发烧 已就医', [['李四', '发烧 已就医']]],
    ['李四请病假', [['李四', '请病假']]],
    ['李四体温37.8', [['李四', '体温37.8']]],
    ['李四-发烧', [['李四', '发烧']]],
    ['李四发烧其他正常', [['李四', '发烧']]],
    ['李四发烧，王五请假', [['李四', '发烧'], ['王五', '请假']]],
    ['李四 发烧；王五 没来', [['李四', '发烧'], ['王五', '没来']]],
    ['李四、王五 请假 其他正常', [['李四', '请假'], ['王五', '请假']]],
    ['李四，王五 请假', [['李四', '请假'], ['王五', '请假']]],
    ['李四和王五都请假了', [['李四', '请假'], ['王五', '请假']]],
    ['发烧的有李四、王五', [['李四', '发烧'], ['王五', '发烧']]],
    ['除了李四发烧，其他都正常', [['李四', '发烧']]],
    ['李四正常，王五请假', [['王五', '请假']]],
    ['李四好了，王五还在发烧', [['王五', '发烧']]],
    ['李四已经退烧了，王五 咳嗽', [['王五', '咳嗽']]],
    ['张三丰 没来', [['张三丰', '没来']]],
    ['张三丰没来，张三隔离', [['张三丰', '没来'], ['张三', '隔离']]],
    ['王五回老家了，张三居家隔离', [['王五', '回老家'], ['张三', '居家隔离']]],
    ['李四 腿摔了', [['李四', '腿摔']]],
    ['李四 手受伤 王五 请假', [['李四', '手受伤'], ['王五', '请假']]],
    ['1. 李四 发烧 2. 王五 请假', [['李四', '发烧'], ['王五', '请假']]],
    ['李四 发烧\n王五 请假', [['李四', '发烧'], ['王五', '请假']]],
    ['李四　发烧，王五　拉肚子', [['李四', '发烧'], ['王五', '拉肚子']]],
    ['李四 发烧，李四 咳嗽', [['李四', '咳嗽']]],
    ['mary fever', [['Mary', 'fever']]],
  ])('%s', (text, expected) => {
    expect(readShopStatus(text, staff)).toEqual({
      kind: 'flagged',
      flagged: expected.map(([name, status]) => ({ name, status })),
    });
  });
});

describe('a name that is not on the list', () => {
  it.each([
    ['王小明 发烧', ['王小明']],
    ['王小明发烧', ['王小明']],
    ['李四发烧王小明咳嗽', ['王小明']],
    ['王小明、李四 发烧', ['王小明']],
    ['李四 发烧，小刘 请假', ['小刘']],
    ['陈大文 38.6', ['陈大文']],
  ])('%s', (text, names) => {
    expect(readShopStatus(text, staff)).toEqual({ kind: 'unknown-names', names });
  });
});

describe('staff named without what is wrong', () => {
  it.each([
    ['李四', ['李四']],
    ['李四，王五', ['李四', '王五']],
    ['李四 发烧，王五', ['王五']],
  ])('%s', (text, names) => {
    expect(readShopStatus(text, staff)).toEqual({ kind: 'missing-status', names });
  });
});

describe('what is no answer', () => {
  it.each(['今天天气不错', '好的', '收到', '几点开门？', '', '   ', '12345', '王小明'])('%j', (text) => {
    expect(readShopStatus(text, staff)).toEqual({ kind: 'unreadable' });
  });

  it('reads a list with no staff at all without failing', () => {
    expect(readShopStatus('正常', [])).toEqual({ kind: 'all-normal' });
    expect(readShopStatus('张三 发烧', [])).toEqual({ kind: 'unknown-names', names: ['张三'] });
  });

  it('never throws, and a flagged person is always one of the staff', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const reading = readShopStatus(text, staff);
        if (reading.kind === 'flagged') {
          for (const person of reading.flagged) {
            expect(staff).toContain(person.name);
            expect(person.status.length).toBeGreaterThan(0);
            expect(person.status.length).toBeLessThanOrEqual(30);
          }
        }
      }),
    );
  });

  it('reads names with a middle dot, and takes other signs in names literally', () => {
    expect(readShopStatus('买买提·艾力 发烧', ['买买提·艾力'])).toEqual({ kind: 'flagged', flagged: [{ name: '买买提·艾力', status: '发烧' }] });
    expect(readShopStatus('A+B 发烧', ['A+B', 'AAB'])).toEqual({ kind: 'flagged', flagged: [{ name: 'A+B', status: '发烧' }] });
  });
});
