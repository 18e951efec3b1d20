/**
 * Column headings of tenant tables (姓名 身份证号 电话 房号) and the same words used as labels
 * inside a line ("电话：138…"). A heading tells what a column holds; a label is only taken out.
 */

export type ColumnKind = 'name' | 'id' | 'phone' | 'room' | 'moveIn' | 'note' | 'ignore';

const HEADINGS: Readonly<Record<ColumnKind, readonly string[]>> = {
  name: ['姓名', '名字', '租客姓名', '租户姓名', '住户姓名', '员工姓名', '人员姓名', '承租人', '租客', '租户', '住户', '员工', '人员'],
  id: ['身份证', '身份证号', '身份证号码', '证件号', '证件号码', '身份证件号码', '公民身份号码', '身份证件', '证件'],
  phone: ['电话', '手机', '手机号', '手机号码', '联系电话', '电话号码', '联系方式', '联系号码', '电话号'],
  room: ['房号', '房间', '房间号', '门牌', '门牌号', '住址', '地址', '居住地址', '现住址', '房屋', '出租屋', '房屋地址', '楼栋房号', '楼号', '档口', '铺位', '摊位'],
  moveIn: ['入住时间', '入住日期', '入住', '租住时间', '起租日期', '起租时间', '入职时间', '入职日期', '到岗时间', '来穗时间', '来深时间'],
  note: ['备注', '状态', '说明', '变动', '变动情况'],
  ignore: [
    '序号', '编号', '性别', '年龄', '民族', '籍贯', '户籍', '户籍地', '户籍地址', '工作单位', '单位', '职业', '关系', '与户主关系',
    '出生日期', '出生年月', '健康码', '核酸', '疫苗', '岗位', '职务', '学历', '婚姻状况', '车牌', '车牌号', '文化程度', '政治面貌',
  ],
};

const KIND_OF_HEADING = new Map<string, ColumnKind>(
  Object.entries(HEADINGS).flatMap(([kind, words]) => words.map((word): [string, ColumnKind] => [word, kind as ColumnKind])),
);

// "身份证号(必填)", "*姓名", "电话：" are headings all the same.
const HEADING_DECORATION = /[(（][^)）]*[)）]|[*:：\s]/g;

export function columnKindOf(cell: string): ColumnKind | null {
  return KIND_OF_HEADING.get(cell.replace(HEADING_DECORATION, '')) ?? null;
}

// Labels inside a line, longest first so that 身份证号码 goes whole. Single words that are also
// names or parts of addresses (房屋, 单位, 住址 on its own is fine) are left to the name scoring.
const LABEL_WORDS = [
  ...HEADINGS.name.filter((word) => word.length > 2 || word === '姓名' || word === '名字'),
  ...HEADINGS.id,
  ...HEADINGS.phone,
  '房号', '房间号', '门牌号', '住址', '地址', '入住时间', '入住日期', '入住', '备注', '性别', '籍贯', '民族', '年龄', '户籍',
  '身份证号', '号码', '手机号', '电联', '微信同号', '同微信', '微信', '租客', '租户', '房客', '住户', '员工', '店员', '承租人',
];

export const LABEL_PATTERN = new RegExp(
  `(?:${[...new Set(LABEL_WORDS)].sort((a, b) => b.length - a.length).join('|')}|\\b(?:ID|id|Id|TEL|Tel|tel)\\b)(?:是|为)?\\s*[:：]?`,
  'g',
);

/** A landlord or shop owner signing the list: "房东：王芳 13800000000" is not a tenant. */
export const OWNER_LINE = /^(?:房东|业主|屋主|出租人|档主|店主|老板|负责人|联系人|填报人|登记人)\s*(?:姓名|电话)?\s*[:：]/;

/** Words of a list's title line: 3栋租户名单, 以下是我的租客：, A区12号档口员工名单. */
/** Words that make a line a title even with a room or a stall number in it: 3号档 王记猪肉 员工名单. */
export const LIST_WORDS = /名单|花名册|名册|清单/;
export const TITLE_WORDS = /名单|花名册|名册|清单|租户|租客|住户|人员|员工|店员|信息|如下|以下|登记|统计|汇总|情况|表格|登记表|一览|新增|更新/;
