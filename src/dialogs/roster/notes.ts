/** Notes that landlords add to a row, and what they mean for the roster: 已搬走, 新来的, 换房. */

import type { RosterAction } from './entry.ts';

const REMOVE = [
  '已经搬走了', '已经搬走', '已搬走', '搬走了', '搬走', '已搬离', '搬离', '已搬出', '搬出去了', '搬出', '已退租', '退租了', '退租',
  '已退房', '退房', '已离开', '离开了', '不住了', '不在住', '已迁出', '迁出', '已走', '走了', '删除', '删掉', '去掉', '已离职', '离职了', '离职', '辞职了', '辞职', '不做了',
];
const ADD = [
  '新来的', '新来', '新租客', '新租户', '新住户', '新入住', '刚入住', '新搬来', '新搬入', '刚搬来', '刚搬进来', '新增', '新人', '续租', '在住', '新入职', '刚入职',
];
const UPDATE = ['换房', '换到', '换成', '改为', '改成', '调到', '调换', '更换为', '更换', '变更为', '变更', '更正为', '更正', '搬到', '转到'];

const ACTION_OF = new Map<string, RosterAction>([
  ...REMOVE.map((word): [string, RosterAction] => [word, 'remove']),
  ...ADD.map((word): [string, RosterAction] => [word, 'add']),
  ...UPDATE.map((word): [string, RosterAction] => [word, 'update']),
]);

// Longest first, so that 已搬走 is one note and not 已 + 搬走.
export const NOTE_PATTERN = new RegExp(
  [...ACTION_OF.keys()].sort((a, b) => b.length - a.length).join('|'),
  'g',
);

export function actionOfNote(note: string): RosterAction | null {
  return ACTION_OF.get(note) ?? null;
}
