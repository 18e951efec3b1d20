import { describe, expect, it } from 'vitest';
import { readRoomMark, type RoomMarkState } from '../../src/dialogs/room-mark-answer.ts';

/**
 * How residents say privately that a room is empty or the household away. The tuning corpus is
 * generated from categories of real phrasing (greeting, room, phrase, ending); the held-out part
 * below was written apart and never used to tune the reader: its figure is printed.
 */
const greetings = ['', '你好，', '您好 ', '报告一下，', '社区您好！'];
const rooms: ReadonlyArray<readonly [string, string | null]> = [
  ['', null],
  ['3栋1单元102', '102'],
  ['102', '102'],
  ['3-1-102', '102'],
  ['我家', null],
  ['我们家', null],
  ['1单元201', '201'],
  ['96号201', '201'],
];
const emptyPhrases = ['空置', '空着', '没人住', '没有人住', '无人居住', '一直空着', '是空房', '房子空着', '没住人', '还没入住', '闲置着', '空置了'];
const awayPhrases = ['不在本地', '回老家了', '出差了全家不在', '全家都不在', '在外地', '回湖南老家过年了', '人不在这边', '暂时不住这里', '出国了', '外出打工了'];
const endings = ['', '。', '，谢谢', '哈', '～', '!'];

function* generated(): Generator<readonly [string, RoomMarkState, string | null]> {
  let turn = 0;
  for (const [state, phrases] of [['empty', emptyPhrases], ['away', awayPhrases]] as const) {
    for (const phrase of phrases) {
      for (const [room, number] of rooms) {
        // Every room with every phrase; greetings and endings taken in turn, so each appears often.
        const greeting = greetings[turn % greetings.length] ?? '';
        const ending = endings[Math.floor(turn / greetings.length) % endings.length] ?? '';
        turn += 1;
        yield [`${greeting}${room}${phrase}${ending}`, state, number];
      }
    }
  }
}

const english: ReadonlyArray<readonly [string, RoomMarkState]> = [
  ['Room 102 is empty', 'empty'],
  ['our flat is vacant', 'empty'],
  ['3栋1单元102 empty', 'empty'],
  ['nobody lives in 102', 'empty'],
  ['we are away', 'away'],
  ['The family is away until March', 'away'],
  ['we are out of town', 'away'],
];

const negatives = [
  '空调坏了', '不在家吗？', '我想登记', '登记', '你好', '102空置吗？', '有空吗', '空气不好', '这个号码是空号', '我家有人住',
  '不是空置', '我们已经回来了', '回来了', '什么时候回老家？', '怎么登记空置房', '3栋1单元102', '停水了', '我现在不在家，晚点回复',
  '空白的表格', '明天出差吗', '102有人在住', 'right away please', 'go away', 'is 102 empty?', 'he passed away', 'takeaway order',
  '/help', '谢谢', '收到', '物业电话多少', '煤气空了', 'the gas tank is empty', '我出差了，明天回复', 'I am travelling next week',
];

describe('reading that a room is empty or its household away', () => {
  it('reads the generated corpus: the state, and the room when one is given', () => {
    const misses: string[] = [];
    let total = 0;
    for (const [text, state, room] of generated()) {
      total += 1;
      const reading = readRoomMark(text);
      if (reading?.state !== state || (reading.room?.room ?? null) !== room) misses.push(`${text} -> ${JSON.stringify(reading)}`);
    }
    expect(total).toBeGreaterThan(150);
    expect(misses).toEqual([]);
  });

  it('reads English too', () => {
    for (const [text, state] of english) expect(readRoomMark(text)?.state, text).toBe(state);
  });

  it('reads the building and unit where they are given', () => {
    expect(readRoomMark('3栋1单元102空置')?.room).toMatchObject({ building: '3', unit: '1', room: '102' });
    expect(readRoomMark('５栋３０２没人住')?.room).toMatchObject({ building: '5', room: '302' });
  });

  it('takes no question, denial or look-alike for a mark', () => {
    for (const text of negatives) expect(readRoomMark(text), text).toBeNull();
  });

  it('does well on phrasing it was not tuned on (held out)', () => {
    const heldOut: ReadonlyArray<readonly [string, RoomMarkState | null]> = [
      ['5栋302一直没人住', 'empty'],
      ['这套房子空关很久了', 'empty'],
      ['楼上202没有住户', 'empty'],
      ['2单元601目前空房', 'empty'],
      ['我们家那套房没人居住', 'empty'],
      ['租客上个月搬走了，101现在空的', 'empty'],
      ['the apartment 301 is empty now', 'empty'],
      ['1-2-401 vacant', 'empty'],
      ['我们一家都回老家过年了', 'away'],
      ['全家去外地打工了，不在小区', 'away'],
      ['人在深圳，不在本地', 'away'],
      ['102家里人都出差了', 'away'],
      ['We are away for the holidays', 'away'],
      ['家里没人，都回乡下了', 'away'],
      ['在国外，年后回来', 'away'],
      ['老人去儿子家住了', 'away'],
      ['空调外机漏水', null],
      ['请问空置房要登记吗', null],
      ['我们回来了，要登记吗？', null],
      ['群主在吗', null],
      ['我家102有人住', null],
      ['出差回来了', null],
      ['102', null],
      ['I am away from keyboard', null],
      ['明天有空来登记', null],
      ['不在家，快递放门口', null],
      // Added after the first measurement (24/26), before the reader was changed to want a home
      // beside the weaker words; written without running them first.
      ['我家热水器里没水了', null],
      ['钱包空了', null],
      ['We are travelling, the flat is empty till May', 'away'],
      ['1单元302租户已搬走', 'empty'],
      ['老公出差了', null],
      ['302空了好几个月了', 'empty'],
    ];
    const right = heldOut.filter(([text, state]) => (readRoomMark(text)?.state ?? null) === state);
    const figure = right.length / heldOut.length;
    const wrong = heldOut.filter((pair) => !right.includes(pair)).map(([text]) => text);
    console.log(`room marks, held out: ${right.length}/${heldOut.length} right (${(figure * 100).toFixed(0)}%); wrong: ${wrong.join(' | ')}`);
    expect(figure).toBeGreaterThanOrEqual(0.75);
  });
});
