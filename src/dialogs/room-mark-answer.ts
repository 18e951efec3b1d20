import { findRoom, normalize, type Room } from './answers/index.ts';

/**
 * A resident telling the committee that a room is empty (空置, 没人住, 房子空着) or that its
 * household is away (不在本地, 回老家了, 出差了全家不在), with or without the room (3栋1单元102空置,
 * 102没人住). Questions (102空置吗？), denials (不是空置, 有人住, 回来了) and words that only
 * look alike (空调, 有空, 不在家吗) are not marks. Pure: the handler finds the room.
 */
export type RoomMarkState = 'empty' | 'away';

export interface RoomMarkReading {
  state: RoomMarkState;
  /** The room named in the message; null when the resident means their own. */
  room: Room | null;
}

/** A mark is said in a line or two; a longer text is something else (a notice pasted, a story). */
const maxLength = 80;

const QUESTION = /[?？]|吗|嘛|怎么|如何|多少|什么|是否|是不是|能不能|有没有|要不要|可不可以/u;

const DENIAL = new RegExp(
  [
    '不是空', '没有空置', '不空', '并非空', '(?<![没无])有人住', '有人在住', '住着人', '已入住', '已经入住', '入住了',
    '回来了', '已经回来', '已回来', '已返回', '在家住', '\\bnot (?:empty|vacant|away)\\b', '\\b(?:is|are|am|\'re) back\\b', '\\boccupied\\b',
  ].join('|'),
  'iu',
);

const oneOf = (phrases: readonly string[]) => new RegExp(phrases.join('|'), 'iu');

/** Phrases that say it of a home whatever else the message says. */
const AWAY = oneOf([
  '不在本地', '不在当地', '不在这边', '不在那边', '不在小区', '不在[这那]里住', '不在[这那]住', '不在家里住', '没在[这那]边?住',
  '回.{0,4}老家', '回家乡', '回乡', '回农村', '回村里', '回家过年', '在老家', '回国',
  '在外地', '去外地', '在外省', '人在外', '外出(?:务工|打工)', '出国', '在国外', '在外面工作',
  '(?:全家|一家人?|家里人|家人|人)(?:都|全|也)?(?:不在|出去了|外出|走了)', '暂时不住', '暂不居住', '长期不在', '不常住',
  '\\bout of town\\b', '\\bnot in town\\b', '\\babroad\\b', '\\boverseas\\b', '\\bhometown\\b',
]);
const EMPTY = oneOf([
  '空置', '闲置', '空房', '空屋', '空着', '空关', '房子空', '一直空',
  '没人住', '没有人住', '无人住', '无人居住', '没人居住', '没有人居住', '没住人', '没有住人', '没人在住', '没有住户', '无住户',
  '未入住', '没入住', '没有入住', '未交房', '\\bunoccupied\\b', '\\b(?:nobody|no one|no-one)\\s+(?:lives|living|is living|stays|staying)\\b',
]);

/**
 * Phrases that say it of a home only beside a room number or a word for the home or household:
 * 102空了 and "our flat is empty" are marks, 煤气空了 and "the tank is empty" are not; 我出差了 is
 * one person's trip, 家里人都出差了 the household's.
 */
const AWAY_NEAR_HOME = oneOf([
  '出差', '外出了', '\\btravel+ing\\b',
  '(?<!\\b(?:right|go|went|gone|going|take|far|give|gave|throw|put|straight|get|got|run|ran|pass|passed|passes|passing|fade|faded|walk|walked|tuck|tucked|stay|stayed)\\s)\\baway\\b',
]);
const EMPTY_NEAR_HOME = oneOf(['是空的', '空的', '空了', '没人$', '无人$', '搬走了', '已搬走', '搬空', '\\bempty\\b', '\\bvacant\\b', '\\bmoved out\\b']);
const HOME = /房子|房间|房屋|屋子|套房|这套|那套|住户|这户|那户|全家|一家|家里人|家人|租客|租户|单元|\b(?:room|flat|apartment|house|home|unit|place|we|we're|our|family|household|tenants?)\b/iu;

/** Every phrase taken out of the line, so that what is left is read for the room. */
const allPhrases = new RegExp([AWAY, EMPTY, AWAY_NEAR_HOME, EMPTY_NEAR_HOME].map((pattern) => pattern.source).join('|'), 'giu');

function stateOf(line: string, room: boolean): RoomMarkState | null {
  const home = room || HOME.test(line);
  // A household that is away from a home that stands empty meanwhile is away: it comes back.
  if (AWAY.test(line) || (home && AWAY_NEAR_HOME.test(line))) return 'away';
  if (EMPTY.test(line) || (home && EMPTY_NEAR_HOME.test(line))) return 'empty';
  return null;
}

export function readRoomMark(text: string): RoomMarkReading | null {
  const line = normalize(text).replace(/[\s.,!~～…]+$/u, '');
  if (line === '' || line.length > maxLength || line.startsWith('/')) return null;
  if (QUESTION.test(line) || DENIAL.test(line)) return null;
  // The phrases are taken out first: in 102人不在 the 人 would read as "102 people".
  const found = findRoom(line.replace(allPhrases, ' '));
  const room = found?.result.ok ? found.result.value : null;
  const state = stateOf(line, room !== null);
  return state === null ? null : { state, room };
}
