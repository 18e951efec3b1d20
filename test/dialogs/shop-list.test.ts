import { describe, expect, it } from 'vitest';
import { namesOnlyRows, readShopListText, readShopNameCommand } from '../../src/dialogs/shop-list.ts';

describe("a staff list's first line names the shop", () => {
  it.each([
    ['3号档 王记猪肉 员工名单\n张三 13812345678', '3号档 王记猪肉', '张三 13812345678'],
    ['【王记猪肉】员工花名册\n张三 13812345678', '王记猪肉', '张三 13812345678'],
    ['阿强水果店 人员名单：\n张伟 13700001111', '阿强水果店', '张伟 13700001111'],
    ['\n  7号档员工\n刘芳 13700002222', '7号档', '刘芳 13700002222'],
    ['员工名单：\n张三 13812345678', null, '张三 13812345678'],
    ['员工名单：张三、李四、王五', null, '张三、李四、王五'],
    ['5号档员工：张三 13812345678\n李四 13925836147', '5号档', '张三 13812345678\n李四 13925836147'],
  ])('%j', (text, name, body) => {
    const read = readShopListText(text);
    expect(read).toMatchObject({ titled: true, name });
    expect(read.body.trim()).toBe(body);
  });

  it.each([
    '张三 13812345678\n李四 13925836147',
    '人员 张三 13812345678',
    '3栋租户\n陈建华 440603198503152015 13812345678 3-2-502',
  ])('leaves a list without such a line whole: %j', (text) => {
    expect(readShopListText(text)).toEqual({ titled: false, name: null, body: text });
  });
});

describe("a sheet's title row names the shop", () => {
  it('reads a title merged across the columns once, and keeps the sheet’s row numbers', () => {
    const title = '3号档 王记猪肉 员工名单';
    const read = readShopListText([`${title}\t${title}\t${title}`, '姓名\t手机号', '张三\t13812345678'].join('\n'));
    expect(read).toMatchObject({ titled: true, name: '3号档 王记猪肉' });
    expect(read.body.split('\n')).toEqual(['', '姓名\t手机号', '张三\t13812345678']);
  });

  it.each(['员工姓名\t手机号\n张三\t13812345678', '员工姓名,手机号\n张三,13812345678', '人员姓名 联系电话\n张三 13812345678'])(
    'takes a row of column headings for no title: %j',
    (text) => {
      expect(readShopListText(text)).toEqual({ titled: false, name: null, body: text });
    },
  );
});

describe('a staff list of names alone', () => {
  it.each([
    ['张三、李四、王五', ['张三', '李四', '王五']],
    ['1. 张三\n2. 李四\n3. 买买提·艾力', ['张三', '李四', '买买提·艾力']],
    ['张三 李四\n王五，Mary', ['张三', '李四', '王五', 'Mary']],
  ])('%j', (body, names) => {
    const rows = namesOnlyRows(body) ?? [];
    expect(rows.map((row) => row.entry.name)).toEqual(names);
    // Without a phone or an ID number a row says so, as any roster row would; a room is never asked for.
    expect(rows.every((row) => row.entry.problems.join() === 'contact.missing')).toBe(true);
  });

  it.each(['张三', '张三 13812345678\n李四', '今天天气不错，大家好', '张三、李四、王五都在吗？'])('is not one: %j', (body) => {
    expect(namesOnlyRows(body)).toBeUndefined();
  });
});

describe('档口名', () => {
  it.each([
    ['档口名 3号档 王记猪肉', '3号档 王记猪肉'],
    ['档口名：阿强水果', '阿强水果'],
    ['档口名称 【7号档】', '7号档'],
    ['店名 老李干货', '老李干货'],
    ['shop name Wang Pork', 'Wang Pork'],
  ])('%s', (text, name) => {
    expect(readShopNameCommand(text)).toBe(name);
  });

  it.each(['档口名', '档口名 ', '店名 13812345678', '我们的档口名字很好听吗', `档口名 ${'很长'.repeat(20)}`, '档口名 王记\n张三 13812345678'])(
    'is not a name: %j',
    (text) => {
      expect(readShopNameCommand(text)).toBeUndefined();
    },
  );
});
