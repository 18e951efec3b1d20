/**
 * What a landlord says to a list the bot read back: a correction of one row, a row deleted,
 * 确认 or 取消. Pure: the handler applies it.
 */

import { normalize, parseNumberWord } from '../../../dialogs/answers/index.ts';

export type CorrectedField = 'name' | 'idNumber' | 'phone' | 'room' | 'moveIn';

export type RosterCommand =
  | { kind: 'set'; row: number; field: CorrectedField; value: string }
  | { kind: 'delete'; row: number }
  | { kind: 'confirm' }
  | { kind: 'cancel' };

const FIELD_WORDS: readonly [CorrectedField, RegExp][] = [
  ['idNumber', /^(?:身份证号码|身份证号|身份证|证件号码|证件号|id number|id)/i],
  ['phone', /^(?:手机号码|手机号|手机|电话号码|电话|联系电话|phone|mobile)/i],
  ['room', /^(?:房间号|房号|房间|门牌号|门牌|住址|room)/i],
  ['name', /^(?:姓名|名字|name)/i],
  ['moveIn', /^(?:入住日期|入住时间|入住|move-?in(?: date)?)/i],
];

const ROW_NUMBER = String.raw`(\d{1,3}|[一二两三四五六七八九十百]{1,4})`;
const ROW_ZH = new RegExp(String.raw`^第\s*${ROW_NUMBER}\s*(?:行|个|条|位)\s*(?:的)?\s*(.*)$`);
const ROW_EN = new RegExp(String.raw`^(?:row|line|no\.?|#)\s*(\d{1,3})\s*[:,]?\s*(.*)$`, 'i');
const DELETE_FIRST = new RegExp(String.raw`^(?:删掉|删除|去掉|删|划掉|delete|remove|drop)\s*(?:第\s*${ROW_NUMBER}\s*(?:行|个|条|位)|(?:row|line)\s*(\d{1,3}))$`, 'i');
const DELETE_AFTER = /^(?:删掉|删除|去掉|不要了|删|搬走了不要了|delete|remove)$/i;
const SET_WORDS = /^(?:应该)?(?:改为|改成|更正为|更改为|换成|应为|是|为|改|[:=]|to)\s*/i;

const CONFIRM = /^(?:确认|确定|确认无误|无误|没问题|对的|正确|confirm|confirmed|ok|okay)$/i;
const CANCEL = /^(?:取消|作废|不要了|算了|cancel|drop it)$/i;

const bare = (text: string): string =>
  normalize(text)
    .replace(/^\//, '')
    .replace(/[\s。.!！~]+$/u, '')
    .trim();

function rowNumber(word: string | undefined): number | null {
  if (word === undefined) return null;
  const number = /^\d+$/.test(word) ? Number(word) : parseNumberWord(word);
  return number !== null && number > 0 ? number : null;
}

function fieldChange(row: number, rest: string): RosterCommand | null {
  if (DELETE_AFTER.test(rest)) return { kind: 'delete', row };
  for (const [field, words] of FIELD_WORDS) {
    const match = words.exec(rest);
    if (!match) continue;
    const value = rest.slice(match[0].length).trim().replace(SET_WORDS, '').trim();
    return value === '' ? null : { kind: 'set', row, field, value };
  }
  return null;
}

/** The landlord's command to an open list, or null when the text is none. */
export function parseRosterCommand(text: string): RosterCommand | null {
  const said = bare(text);
  if (CONFIRM.test(said)) return { kind: 'confirm' };
  if (CANCEL.test(said)) return { kind: 'cancel' };
  const deleted = DELETE_FIRST.exec(said);
  const deletedRow = rowNumber(deleted?.[1] ?? deleted?.[2]);
  if (deletedRow !== null) return { kind: 'delete', row: deletedRow };
  const addressed = ROW_ZH.exec(said) ?? ROW_EN.exec(said);
  const row = rowNumber(addressed?.[1]);
  if (row === null || addressed?.[2] === undefined) return null;
  return fieldChange(row, addressed[2].trim());
}

/** Whether a text tries to address a row, so that an unreadable attempt is answered with the usage. */
export function looksLikeRowCommand(text: string): boolean {
  const said = bare(text);
  return ROW_ZH.test(said) || ROW_EN.test(said) || /^(?:删掉|删除|delete|remove)/i.test(said);
}
