import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCity, readPlace } from '../../../src/dialogs/answers/place.ts';
import { PROVINCES } from '../../../src/dialogs/answers/places-data.ts';
import { anyText, isWellFormed } from './arbitraries.ts';

describe('places data', () => {
  it('has the 34 provincial-level divisions, each with its ID code once', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(34);
    expect(new Set(PROVINCES.map((p) => p.name)).size).toBe(34);
  });

  it('has the prefecture-level divisions of the most populous provinces', () => {
    const cityCount = (name: string) => PROVINCES.find((p) => p.name === name)?.cities.length;
    expect(cityCount('广东省')).toBe(21);
    expect(cityCount('山东省')).toBe(16);
    expect(cityCount('河南省')).toBe(18);
    expect(cityCount('江苏省')).toBe(13);
    expect(cityCount('四川省')).toBe(21);
    expect(cityCount('湖北省')).toBe(17);
  });
});

describe('readPlace', () => {
  it.each([
    ['广东揭阳', '广东省', '揭阳市'],
    ['广东省揭阳市榕城区', '广东省', '揭阳市'],
    ['湖北省武汉市洪山区', '湖北省', '武汉市'],
    ['武汉', '湖北省', '武汉市'],
    ['北京', '北京市', '北京市'],
    ['北京市朝阳区', '北京市', '北京市'],
    ['重庆万州', '重庆市', '重庆市'],
    ['内蒙古呼和浩特', '内蒙古自治区', '呼和浩特市'],
    ['内蒙古自治区包头市', '内蒙古自治区', '包头市'],
    ['广西南宁', '广西壮族自治区', '南宁市'],
    ['广西省桂林市', '广西壮族自治区', '桂林市'],
    ['新疆乌鲁木齐', '新疆维吾尔自治区', '乌鲁木齐市'],
    ['香港', '香港特别行政区', '香港特别行政区'],
    ['湖北恩施', '湖北省', '恩施土家族苗族自治州'],
    ['湘西州', '湖南省', '湘西土家族苗族自治州'],
    ['吉林', '吉林省', null],
    ['吉林市', '吉林省', '吉林市'],
    ['吉林吉林', '吉林省', '吉林市'],
    ['吉林长春', '吉林省', '长春市'],
    ['海南', '海南省', null],
    ['海南海口', '海南省', '海口市'],
    ['青海海南州', '青海省', '海南藏族自治州'],
    ['湖南', '湖南省', null],
    ['深圳，广东', '广东省', '深圳市'],
    ['美国纽约', null, null],
    ['ｇｕａｎｇｄｏｎｇ', '广东省', null],
    ['Guangdong Jieyang', '广东省', '揭阳市'],
    ['New York, USA', null, null],
  ])('%j → %s %s', (input, province, city) => {
    const result = readPlace(input);
    expect(result.ok && [result.value.province, result.value.city]).toEqual([province, city]);
  });

  it('keeps what was typed, normalised, as raw', () => {
    expect(readPlace(' 深圳，广东 ')).toEqual({ ok: true, value: { raw: '深圳,广东', province: '广东省', city: '深圳市' } });
  });

  it.each([
    ['', 'answer.empty'],
    ['123', 'place.unreadable'],
    ['？？', 'place.unreadable'],
  ])('%j is refused with %s', (input, reason) => {
    expect(readPlace(input)).toEqual({ ok: false, reason });
  });

  it('never throws', () => {
    fc.assert(fc.property(anyText, (text) => isWellFormed(readPlace(text))));
  });

  it('reads every province and city written by their full names, with or without a district after', () => {
    const pairs = PROVINCES.flatMap((province) => province.cities.map((written) => [province.name, written.split(':')[0] ?? ''] as const));
    fc.assert(
      fc.property(fc.constantFrom(...pairs), fc.constantFrom('', '某某区', '某某县'), ([province, city], district) => {
        expect(readPlace(province + city + district)).toEqual({ ok: true, value: { raw: province + city + district, province, city } });
      }),
    );
  });

  it('reads every province by its short name', () => {
    for (const province of PROVINCES) {
      for (const short of province.shortNames) {
        const result = readPlace(short);
        expect(result.ok && result.value.province, short).toBe(province.name);
      }
    }
  });
});

describe('readCity', () => {
  it.each([
    ['武汉', '湖北省', '武汉市'],
    ['从武汉来的', '湖北省', '武汉市'],
    ['深圳回来', '广东省', '深圳市'],
    ['上海', '上海市', '上海市'],
    ['湖北省黄冈市', '湖北省', '黄冈市'],
    ['揭阳', '广东省', '揭阳市'],
    ['Wuhan', '湖北省', '武汉市'],
    ['from Wu Han', '湖北省', '武汉市'],
    ["Xi'an", '陕西省', '西安市'],
    ['Chongqing', '重庆市', '重庆市'],
    ['Hong Kong', '香港特别行政区', '香港特别行政区'],
    ['Lvliang', '山西省', '吕梁市'],
    ['Zhejiang Taizhou', '浙江省', '台州市'],
    ['Jiangsu, Taizhou', '江苏省', '泰州市'],
  ])('%j → %s %s', (input, province, city) => {
    expect(readCity(input)).toEqual({ ok: true, value: { province, city } });
  });

  it.each([
    ['', 'answer.empty'],
    ['纽约', 'place.unknown'],
    ['不知道', 'place.unknown'],
    ['湖北', 'place.no-city'],
    ['广东省', 'place.no-city'],
    ['Guangdong', 'place.no-city'],
    // Two cities are called Taizhou, and 'daily' is a word, not 大理.
    ['Taizhou', 'place.unknown'],
    ['I came back daily', 'place.unknown'],
  ])('%j is refused with %s', (input, reason) => {
    expect(readCity(input)).toEqual({ ok: false, reason });
  });

  it('never throws', () => {
    fc.assert(fc.property(anyText, (text) => isWellFormed(readCity(text))));
  });
});
