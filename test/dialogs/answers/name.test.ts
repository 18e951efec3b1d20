import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPersonName } from '../../../src/dialogs/answers/name.ts';
import { anyText, isWellFormed } from './arbitraries.ts';

describe('readPersonName', () => {
  it.each([
    ['张三', '张三'],
    ['  王小明 ', '王小明'],
    ['张 三', '张三'],
    ['我叫张三', '张三'],
    ['我是李四。', '李四'],
    ['姓名：欧阳娜娜', '欧阳娜娜'],
    ['姓名:我叫张三', '张三'],
    ['买买提·艾力', '买买提·艾力'],
    ['买买提.艾力', '买买提·艾力'],
    ['买买提•艾力', '买买提·艾力'],
    ['阿卜杜热合曼·买买提明', '阿卜杜热合曼·买买提明'],
    ['John Smith', 'John Smith'],
    ['my name is Anna Lee', 'Anna Lee'],
    ["I'm Sean O’Brien", "Sean O'Brien"],
    ['Jean-Luc Picard', 'Jean-Luc Picard'],
    ['José Núñez', 'José Núñez'],
    ['Ｊｏｈｎ　Ｓｍｉｔｈ', 'John Smith'],
  ])('%j → %j', (input, expected) => {
    expect(readPersonName(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'answer.empty'],
    ['我叫', 'answer.empty'],
    ['张3', 'name.digits'],
    ['３栋５０２', 'name.digits'],
    ['13812345678', 'name.digits'],
    ['王', 'name.length'],
    ['J', 'name.length'],
    ['Maximiliano Alessandro Bartholomew', 'name.length'],
    ['张三😊', 'name.characters'],
    ['李Anna', 'name.characters'],
    ['@张三', 'name.characters'],
    ['·艾力', 'name.characters'],
  ])('%j is refused with %s', (input, reason) => {
    expect(readPersonName(input)).toEqual({ ok: false, reason });
  });

  it('never throws', () => {
    fc.assert(fc.property(anyText, (text) => isWellFormed(readPersonName(text))));
  });

  it('accepts every Chinese name of 2 to 4 characters, with or without a polite prefix', () => {
    const hanzi = fc.constantFrom(...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英');
    fc.assert(
      fc.property(fc.array(hanzi, { minLength: 2, maxLength: 4 }), fc.constantFrom('', '我叫', '我是', '姓名：', '姓名: '), (chars, prefix) => {
        const name = chars.join('');
        expect(readPersonName(prefix + name)).toEqual({ ok: true, value: name });
      }),
    );
  });

  it('refuses every name with a digit in it', () => {
    fc.assert(
      fc.property(fc.constantFrom('张三', 'John'), fc.integer({ min: 0, max: 99 }), (name, digits) => {
        expect(readPersonName(`${name}${digits}`)).toEqual({ ok: false, reason: 'name.digits' });
      }),
    );
  });
});
