import { findRoom, normalize, type Room } from '../answers/index.ts';
import { nameSound, type NameSound } from './sound.ts';

/**
 * What staff typed to find someone, in parts: a name (or a surname alone), runs of digits (a phone
 * or its tail, an ID number or a piece of it), and an address. Any mix, in any order:
 * 张伟 8000, 章伟 长庚里96号, 4406 1990 王丽.
 */
export interface FindQuery {
  text: string;
  name: { text: string; sound: NameSound; surnameOnly: boolean } | null;
  /** Digit runs as typed, X in upper case (an ID's check character). */
  digits: string[];
  place: Pick<Room, 'street' | 'building' | 'room'> | null;
}

// Words around the parts that are not a name: 查找 张伟 手机尾号 8000 身份证 1234.
const FILLER = /查找|查询|查一下|查|找一下|找|搜索|手机尾号|手机号码|手机号|手机|电话号码|电话|尾号|后四位|后4位|身份证号码|身份证号|身份证|证件号|号码|姓名|名字|住址|地址|住在|住|叫|的|和|或|\/find(?:@\S+)?|\bfind\b/giu;
const SEPARATORS = /[,.;:!?()[\]{}"'、，。；：！？（）【】《》\s]+/gu;

/** An address counts only when it says what it is (a building, a lane, a unit): 1234 alone is digits. */
const explicitPlace = (room: Room): boolean => room.street !== null || (room.building !== null && room.room !== null) || room.building !== null;

export function readFindQuery(input: string): FindQuery {
  const text = normalize(input);
  let rest = text.replace(/\/find(?:@\S+)?/i, ' ');
  let place: FindQuery['place'] = null;
  const found = findRoom(rest);
  if (found?.result.ok && explicitPlace(found.result.value)) {
    const { street, building, room } = found.result.value;
    place = { street, building, room };
    rest = `${rest.slice(0, found.index)} ${rest.slice(found.index + found.length)}`;
  }
  const digits: string[] = [];
  rest = rest.replace(/\d[\d -]*[\dXx]|\d/g, (run) => {
    const compact = run.replace(/[ -]/g, '').toUpperCase();
    // A phone or ID number typed in groups is one number; other groups are pieces of their own.
    const pieces = compact.length === 11 || compact.length === 18 ? [compact] : run.toUpperCase().split(/[ -]+/);
    digits.push(...pieces.filter((piece) => piece.length >= 3));
    return ' ';
  });
  const words = rest.replace(FILLER, ' ').replace(SEPARATORS, ' ').trim();
  const hanRun = /\p{Script=Han}(?:·?\p{Script=Han})*/u.exec(words)?.[0];
  const latin = words.replace(/[^A-Za-z\s-]/g, ' ').replace(/\s+/g, ' ').trim();
  const nameText = hanRun ?? (latin.length >= 2 ? latin : null);
  const sound = nameText === null ? null : nameSound(nameText);
  const surnameOnly = hanRun !== undefined ? [...hanRun.replace('·', '')].length === 1 : latin.split(' ').length === 1 && latin.length <= 4;
  return {
    text,
    name: nameText !== null && sound !== null ? { text: nameText, sound, surnameOnly } : null,
    digits,
    place,
  };
}
