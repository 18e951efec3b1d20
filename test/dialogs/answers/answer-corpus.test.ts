import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRightReading, loadAnswerCorpus, readCase, type AnswerCase } from './answer-corpus.ts';
import { toFullWidth } from './arbitraries.ts';

const tuning = loadAnswerCorpus('tuning.yaml');
const heldOut = loadAnswerCorpus('held-out.yaml');

const show = (c: AnswerCase) => (c.refused ? 'refused' : c.skip ? 'skipped' : JSON.stringify(c.value));

describe('the answer corpus', () => {
  it('has at least 150 cases, a part of them held out', () => {
    expect(tuning.cases.length + heldOut.cases.length).toBeGreaterThanOrEqual(150);
    expect(heldOut.cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(tuning.cases.map((c) => [c.q, c.text, show(c), c] as const))('%s: %j is %s', (_, text, _expected, answerCase) => {
    expect(isRightReading(answerCase, readCase(answerCase, tuning.today)), JSON.stringify(readCase(answerCase, tuning.today))).toBe(true);
  });

  it('reads the held-out part right (its figure is reported on its own)', () => {
    const wrong = heldOut.cases.filter((c) => !isRightReading(c, readCase(c, heldOut.today)));
    const right = heldOut.cases.length - wrong.length;
    console.info(`held-out answers read right: ${right}/${heldOut.cases.length}`);
    for (const c of wrong) console.info(`  wrong: ${c.q} ${JSON.stringify(c.text)} → ${JSON.stringify(readCase(c, heldOut.today))}`);
    expect(right / heldOut.cases.length).toBeGreaterThanOrEqual(0.9);
  });
});

// What a phone adds to an answer without changing it: the width of the input method, spaces, a full stop.
const ENDINGS = ['', '。', '!', '！', ' ', '~'];
const WIDTHS = [(text: string) => text, toFullWidth];
const SPACES = [(text: string) => text, (text: string) => `  ${text}\u200b `];
// Free text and contacts are kept as typed, so an ending changes them.
const KEPT_AS_TYPED = new Set(['notes', 'landlord']);

function variants(c: AnswerCase): string[] {
  const endings = KEPT_AS_TYPED.has(c.q) && !c.skip ? [''] : ENDINGS;
  return endings.flatMap((ending) => WIDTHS.flatMap((width) => SPACES.map((space) => space(width(c.text + ending)))));
}

describe('variants of every corpus case', () => {
  const all = [...tuning.cases.map((c) => [c, tuning.today] as const), ...heldOut.cases.map((c) => [c, heldOut.today] as const)];
  const generated = all.flatMap(([c, today]) => variants(c).map((text) => ({ c, today, text })));

  it('are thousands, each read as the case itself', () => {
    expect(generated.length).toBeGreaterThan(2000);
    const wrong = generated.filter(({ c, today, text }) => !isRightReading(c, readCase(c, today, text)));
    expect(wrong.map(({ c, text }) => `${c.q} ${JSON.stringify(text)}`)).toEqual([]);
  });
});

// Generated answers, each made with the reading it must get: the expected value is built from the
// same parts as the text, never taken from the readers.
const TODAY = '2026-03-20';
const read = (q: string, text: string) => readCase({ q, text, value: null }, TODAY, text);
const pad = (n: number) => String(n).padStart(2, '0');
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const CHINESE_DIGITS = '〇一二三四五六七八九';
const chineseYear = (year: number) => [...String(year)].map((d) => CHINESE_DIGITS[Number(d)]).join('');
const chineseMonth = (month: number) => (month <= 10 ? (month === 10 ? '十' : CHINESE_DIGITS[month]) : `十${CHINESE_DIGITS[month - 10]}`);

describe('generated answers', () => {
  it('a month of a past year, in every way it is written, is kept as that month', () => {
    const written = fc.constantFrom<(y: number, m: number) => string>(
      (y, m) => `${y}年${m}月`,
      (y, m) => `${y}年${m}月份`,
      (y, m) => `从${y}年${pad(m)}月开始住`,
      (y, m) => `${y}-${pad(m)}`,
      (y, m) => `${y}.${m}`,
      (y, m) => `${pad(m)}/${y}`,
      (y, m) => `${ENGLISH_MONTHS[m - 1]} ${y}`,
      (y, m) => `since ${ENGLISH_MONTHS[m - 1]?.slice(0, 3)} ${y}`,
      (y, m) => `${chineseYear(y)}年${chineseMonth(m)}月`,
    );
    fc.assert(
      fc.property(fc.integer({ min: 1995, max: 2025 }), fc.integer({ min: 1, max: 12 }), written, (year, month, write) => {
        const outcome = read('since', write(year, month));
        expect(outcome).toEqual({ ok: true, value: `${year}-${pad(month)}` });
      }),
      { numRuns: 400 },
    );
  });

  it('a month said against this year (去年5月, 前年十月份) is that month', () => {
    const years = [['今年', 0], ['去年', -1], ['前年', -2]] as const;
    fc.assert(
      fc.property(fc.constantFrom(...years), fc.integer({ min: 1, max: 12 }), fc.boolean(), fc.constantFrom('', '份', '搬来的', '份开始住'), ([word, offset], month, chinese, after) => {
        fc.pre(offset < 0 || month <= 3);
        const text = `${word}${chinese ? chineseMonth(month) : month}月${after}`;
        expect(read('since', text)).toEqual({ ok: true, value: `${2026 + offset}-${pad(month)}` });
      }),
      { numRuns: 300 },
    );
  });

  it('a room in any of its forms is stored in one', () => {
    const written = fc.constantFrom<(b: number, u: number, r: string) => string>(
      (b, u, r) => `${b}栋${u}单元${r}`,
      (b, u, r) => `${b}-${u}-${r}`,
      (b, u, r) => `${b}号楼${u}单元${r}室`,
      (b, u, r) => `${b}幢${u}单元${r}`,
      (b, u, r) => `Building ${b}, unit ${u}, room ${r}`,
      (b, u, r) => `bldg ${b} unit ${u} rm ${r}`,
      (b, u, r) => `我住${b}栋${u}单元${r}`,
      (b, u, r) => `刚才写错了 ${b}-${u}-${r}`,
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 33 }), fc.integer({ min: 1, max: 4 }), written, (b, u, floor, door, write) => {
        const room = `${floor}${pad(door)}`;
        const outcome = read('room', write(b, u, room));
        expect(outcome).toMatchObject({ ok: true, value: { building: String(b), unit: String(u), room, text: `${b}栋${u}单元${room}` } });
      }),
      { numRuns: 400 },
    );
  });

  const places = ['武汉', '老家', '上海', '深圳', '广州'];
  const placesEn = ['Wuhan', 'Shanghai', 'Shenzhen', 'my hometown'];
  const when = ['上周', '前天', '昨天', '3天前', '上周三', '刚'];
  const whenEn = ['last week', 'yesterday', '3 days ago', 'on Monday'];

  it('no said in words is no', () => {
    const said = fc.oneof(
      fc.constantFrom('哪也没去', '哪儿都没去', '没出去过', '没出门'),
      fc.constantFrom(...places).map((p) => `一直在${p}`),
      fc.constantFrom(...places).map((p) => `没去过${p}`),
      fc.constantFrom(...places).map((p) => `没有离开${p}`),
      fc.constantFrom(...places).map((p) => `没有，一直在${p}`),
      fc.constantFrom(...placesEn).map((p) => `No, I stayed in ${p}`),
      fc.constantFrom(...placesEn).map((p) => `haven't left ${p}`),
      fc.constantFrom(...placesEn).map((p) => `never went to ${p}`),
    );
    fc.assert(fc.property(said, fc.constantFrom('', '。', '呀', '!', ' 哈'), (text, end) => {
      expect(read('returned', text + end)).toEqual({ ok: true, value: false });
    }), { numRuns: 300 });
  });

  it('yes said in words is yes', () => {
    const said = fc.oneof(
      fc.tuple(fc.constantFrom(...when), fc.constantFrom(...places)).map(([w, p]) => `${w}从${p}回来的`),
      fc.constantFrom(...when).map((w) => `${w}回来的`),
      fc.constantFrom(...places).map((p) => `去过${p}`),
      fc.constantFrom(...places).map((p) => `对，刚从${p}回来`),
      fc.tuple(fc.constantFrom(...placesEn), fc.constantFrom(...whenEn)).map(([p, w]) => `came back from ${p} ${w}`),
      fc.constantFrom(...whenEn).map((w) => `Yes, returned ${w}`),
      fc.constantFrom(...whenEn).map((w) => `arrived ${w}`),
    );
    fc.assert(fc.property(said, fc.constantFrom('', '。', '了', '!', ' 哈'), (text, end) => {
      expect(read('returned', text + end)).toEqual({ ok: true, value: true });
    }), { numRuns: 300 });
  });

  it('a name inside a sentence is the name', () => {
    const surnames = [...'王李张刘陈杨赵黄周吴'];
    const given = ['芳', '伟', '娜', '敏', '静', '丽', '强', '磊', '洋', '小明', '建国', '雨欣'];
    const sentence = fc.constantFrom('', '我叫', '我是', '名字叫', '姓名：', '刚才写错了 ', '不是的 应该是', '刚才打错了，是');
    fc.assert(fc.property(sentence, fc.constantFrom(...surnames), fc.constantFrom(...given), (before, surname, name) => {
      expect(read('name', `${before}${surname}${name}`)).toEqual({ ok: true, value: `${surname}${name}` });
    }), { numRuns: 300 });
  });
});
