/** Well-formed rosters made up for property tests and the benchmark: real-looking names, valid IDs and mobiles. */

import fc from 'fast-check';
import { idCheckChar } from '../../../src/dialogs/answers/index.ts';
import type { RosterRow } from '../../../src/dialogs/roster/entry.ts';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰文辉玲华红建国志鹏飞宇浩然晨曦婷雪梅琳海波斌云龙凤玉萍亮宁欣怡嘉俊'];
const REGIONS = ['440106', '440104', '445202', '420106', '430104', '360102', '510104', '450102', '412702', '350582', '320102', '110105'];
const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '186', '187', '188', '189', '177', '199'];

export interface Tenant {
  name: string;
  idNumber: string;
  phone: string;
  building: number;
  unit: number;
  room: number;
}

export const tenant: fc.Arbitrary<Tenant> = fc.record({
  name: fc
    .tuple(fc.constantFrom(...SURNAMES), fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 }))
    .map(([surname, given]) => surname + given.join('')),
  idNumber: fc
    .tuple(fc.constantFrom(...REGIONS), fc.date({ min: new Date('1950-01-01'), max: new Date('2005-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
    .map(([region, birth, sequence]) => {
      const first17 = `${region}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
      return first17 + idCheckChar(first17);
    }),
  phone: fc.tuple(fc.constantFrom(...MOBILE_PREFIXES), fc.integer({ min: 0, max: 99_999_999 })).map(([prefix, rest]) => prefix + String(rest).padStart(8, '0')),
  building: fc.integer({ min: 1, max: 30 }),
  unit: fc.integer({ min: 1, max: 6 }),
  room: fc.integer({ min: 1, max: 33 }).chain((floor) => fc.integer({ min: 1, max: 8 }).map((door) => floor * 100 + door)),
});

export type Layout = 'spaces' | 'tabs' | 'commas' | 'numbered' | 'idFirst' | 'written';

/** One tenant as a line in one of the styles landlords use. */
export function tenantLine(t: Tenant, layout: Layout, index: number): string {
  const dashed = `${t.building}-${t.unit}-${t.room}`;
  switch (layout) {
    case 'spaces':
      return `${t.name} ${t.idNumber} ${t.phone} ${dashed}`;
    case 'tabs':
      return `${t.name}\t${t.idNumber}\t${t.phone}\t${dashed}`;
    case 'commas':
      return `${t.name}，${t.idNumber}，${t.phone}，${dashed}`;
    case 'numbered':
      return `${index + 1}. ${t.name} ${t.phone} ${t.idNumber} ${dashed}`;
    case 'idFirst':
      return `${t.idNumber} ${t.name} ${dashed} ${t.phone}`;
    case 'written':
      return `${t.name} ${t.building}栋${t.unit}单元${t.room} ${t.idNumber} ${t.phone.slice(0, 3)}-${t.phone.slice(3, 7)}-${t.phone.slice(7)}`;
  }
}

export const layout: fc.Arbitrary<Layout> = fc.constantFrom('spaces', 'tabs', 'commas', 'numbered', 'idFirst', 'written');

/** What the parser must make of a tenant line. */
export function expectedRow(t: Tenant, layout: Layout, lineNo: number): RosterRow {
  const raw = layout === 'written' ? `${t.building}栋${t.unit}单元${t.room}` : `${t.building}-${t.unit}-${t.room}`;
  return {
    lineNo,
    entry: {
      name: t.name,
      idNumber: t.idNumber,
      phone: t.phone,
      room: { raw, building: String(t.building), unit: String(t.unit), room: String(t.room) },
      moveIn: null,
      action: 'add',
      valid: true,
      problems: [],
    },
  };
}
