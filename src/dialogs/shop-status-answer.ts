import { normalize } from './answers/index.ts';
import { t } from './messages/index.ts';

/**
 * A shop owner's answer to the morning question about their staff, as owners type it: 正常,
 * 都正常, ok; 李四 发烧; 李四发烧，王五请假; 李四、王五 请假 其他正常; 张三 38.5. Names are read
 * against the shop's own staff list, so a name that is not on it is caught rather than guessed. Pure.
 */
export interface FlaggedStaff {
  name: string;
  /** What the owner said about them, in their words: 发烧, 请假, 38.5 咳嗽. */
  status: string;
}

/** The staff reported unwell, as one line: 李四 发烧、王五 请假. */
export const flaggedText = (lang: string, flagged: readonly FlaggedStaff[]): string =>
  flagged.map((person) => `${person.name} ${person.status}`).join(t(lang, 'market.view.separator'));

export type ShopStatusReading =
  | { kind: 'all-normal' }
  | { kind: 'flagged'; flagged: FlaggedStaff[] }
  /** Someone named with a status who is not on the shop's list. */
  | { kind: 'unknown-names'; names: string[] }
  /** Staff named without saying what is wrong with them. */
  | { kind: 'missing-status'; names: string[] }
  | { kind: 'unreadable' };

const maxStatusLength = 30;

const wholeNormal =
  /^(?:(?:都|全部|全都|全员|大家都?|一切|所有人都?|员工都|人员都|今天都?)?(?:正常|没事|没问题|挺好|很好|都好|健康|良好|无异常|没有异常|平安)|ok|okay|fine|normal|👌|👍|✅|all ok|all good|all normal|all fine|everyone(?: is)? (?:ok|fine|well))$/i;

const normalPhrases = [
  '(?:其他|其余|别的|剩下的?|其他人|其余人|其它)(?:人|员工|的)?(?:都|均|全|也)?(?:正常|没事|没问题|好|挺好|ok)',
  '(?:都|均)?(?:没有?|不|无)(?:发烧|发热|咳嗽|症状|不舒服|异常)',
  '(?:都|全部|全都|全员|大家都?|一切)?(?:正常|没事|没问题|无异常)',
  // Someone reported before who is well again.
  '(?:已经|都)?(?:好了|没事了|恢复了?|退烧了?|康复了?|回来上班了|来上班了|上班了)',
  'others? (?:are )?(?:ok|fine|normal)',
];

/** What owners say is wrong with someone, longest first so that 居家隔离 is read whole. */
const statusWords = [
  '居家隔离', '集中隔离', '身体不适', '喉咙痛', '嗓子疼', '嗓子痛', '流鼻涕', '拉肚子', '去医院', '没上班', '未到岗', '回老家', '次密接',
  '发烧', '发热', '高烧', '低烧', '咳嗽', '感冒', '流涕', '鼻塞', '咽痛', '头疼', '头痛', '乏力', '腹泻', '呕吐', '不舒服', '不适',
  '生病', '病了', '请假', '病假', '事假', '休息', '没来', '未到', '缺勤', '回家', '隔离', '阳性', '阳了', '密接', '黄码', '红码',
  '住院', '就医', '看病', 'fever', 'cough', 'sick', 'leave', 'absent', 'quarantine', 'off',
].sort((a, b) => b.length - a.length);

const temperature = String.raw`(?<![\d.])(?:3[5-9]|4[0-2])(?:\.\d)?(?![\d])\s*(?:度|℃|°c?)?`;

/** Words around names and statuses that carry nothing: 今天, 有点, 和, 了. */
const edgeFillers =
  /^(?:今天|今日|目前|现在|还是|还|仍然|仍|依然|又|除了|除|就是?|只有|只是|但是|但|不过|其中|还有|另外|以及|和|跟|与|及|有点儿?|有些|有一点|一点|说|在|有|是|都|也|员工|同事|店员|报告|ok|好的?)+|(?:了|啦|呢|吧|的|有|和|跟|与|及|以及|有点儿?|有些)+$/;

/** Where a token stands: the clause and its place in it, so that a status is quoted as written. */
interface Span {
  clause: number;
  start: number;
  end: number;
}

type Token = Span &
  (
    | { kind: 'name'; text: string }
    | { kind: 'status'; text: string }
    | { kind: 'normal' }
    | { kind: 'other'; text: string }
  );

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Latin words stand alone (off, not the off in coffee); Chinese has no spaces to stand by. */
const asWord = (word: string) => (/^[a-z]+$/i.test(word) ? `\\b${word}\\b` : escape(word));

const nameLike = (text: string) => /^\p{Script=Han}{2,4}$/u.test(text) || /^[A-Za-z][A-Za-z'-]{1,20}$/.test(text);

function stripEdges(text: string): string {
  let current = text.trim();
  for (;;) {
    const next = current.replace(edgeFillers, '').replace(/^[-—~:]+|[-—~:]+$/g, '').trim();
    if (next === current) return current;
    current = next;
  }
}

function tokenize(clause: string, clauseIndex: number, names: readonly string[]): Token[] {
  const alternatives = [
    names.length > 0 ? `(?<name>${names.map(escape).join('|')})` : null,
    `(?<normal>${normalPhrases.join('|')})`,
    `(?<status>${temperature}|${statusWords.map(asWord).join('|')})`,
  ].filter((part): part is string => part !== null);
  const pattern = new RegExp(alternatives.join('|'), 'giu');
  const tokens: Token[] = [];
  const at = (start: number, end: number): Span => ({ clause: clauseIndex, start, end });
  const pushOther = (from: number, to: number) => {
    for (const piece of clause.slice(from, to).matchAll(/[^\s,/+]+/g)) {
      const text = stripEdges(piece[0]);
      const start = from + piece.index;
      // The numbers of a numbered answer (1. 李四 发烧 2. 王五 请假) say nothing about anyone.
      if (text !== '' && !/^\d{1,2}$/.test(text)) tokens.push({ kind: 'other', text, ...at(start, start + piece[0].length) });
    }
  };
  let last = 0;
  for (const match of clause.matchAll(pattern)) {
    pushOther(last, match.index);
    last = match.index + match[0].length;
    const span = at(match.index, last);
    const groups = match.groups ?? {};
    if (groups['name'] !== undefined) tokens.push({ kind: 'name', text: nameOnList(groups['name'], names), ...span });
    else if (groups['normal'] !== undefined) tokens.push({ kind: 'normal', ...span });
    else tokens.push({ kind: 'status', text: match[0], ...span });
  }
  pushOther(last, clause.length);
  return tokens;
}

/** The name as the list writes it, whatever the case the owner typed it in. */
const nameOnList = (typed: string, names: readonly string[]) =>
  names.find((name) => name.toLowerCase() === typed.toLowerCase()) ?? typed;

interface Group {
  names: string[];
  /** The status and other words said of them, in order. */
  said: Span[];
  normal: boolean;
}

interface ClauseReading {
  groups: Group[];
  unknown: string[];
  normal: boolean;
}

function readClause(tokens: readonly Token[]): ClauseReading {
  const reading: ClauseReading = { groups: [], unknown: [], normal: false };
  const leading: Span[] = [];
  let current: Group | null = null;
  let skipping = false;
  const hasSaid = (group: Group | null) => group !== null && (group.said.length > 0 || group.normal);
  for (const [index, token] of tokens.entries()) {
    const next = tokens[index + 1];
    if (token.kind === 'name') {
      skipping = false;
      if (current && !hasSaid(current)) current.names.push(token.text);
      else {
        current = { names: [token.text], said: [], normal: false };
        reading.groups.push(current);
      }
    } else if (token.kind === 'status') {
      if (skipping) continue;
      if (current) current.said.push(token);
      else leading.push(token);
    } else if (token.kind === 'normal') {
      if (current && current.said.length === 0) current.normal = true;
      else reading.normal = true;
    } else {
      // A name-like word that starts a new statement (王小明 发烧, or one of 王小明、李四 请假) is a
      // name the list does not have; after a name, other words are that person's status.
      const startsStatement = current === null || hasSaid(current) || skipping;
      if (startsStatement && nameLike(token.text) && next !== undefined && next.kind !== 'normal') {
        reading.unknown.push(token.text);
        skipping = true;
        current = null;
      } else if (current && !skipping) current.said.push(token);
    }
  }
  // 发烧的有李四、王五: the status came first.
  for (const group of reading.groups) if (group.said.length === 0 && !group.normal) group.said.push(...leading);
  if (reading.groups.length === 0 && leading.length === 0 && tokens.some((token) => token.kind === 'normal')) reading.normal = true;
  return reading;
}

/** What was said of a group, as the owner wrote it: from its first word to its last, per clause. */
function quoted(clauses: readonly string[], said: readonly Span[]): string {
  const parts: string[] = [];
  for (const clause of [...new Set(said.map((span) => span.clause))]) {
    const spans = said.filter((span) => span.clause === clause);
    const from = Math.min(...spans.map((span) => span.start));
    const to = Math.max(...spans.map((span) => span.end));
    const text = stripEdges((clauses[clause] ?? '').slice(from, to).replace(/\s+/g, ' '));
    if (text !== '') parts.push(text);
  }
  return parts.join(' ').slice(0, maxStatusLength);
}

/** 李四，王五 请假: a clause of names alone lists them for the status of the clause after it. */
function joinedLists(clauses: readonly Token[][]): Token[][] {
  const joined: Token[][] = [];
  let pending: Token[] = [];
  for (const tokens of clauses) {
    const namesOnly = tokens.length > 0 && tokens.every((token) => token.kind === 'name' || (token.kind === 'other' && nameLike(token.text)));
    pending = [...pending, ...tokens];
    if (namesOnly) continue;
    joined.push(pending);
    pending = [];
  }
  if (pending.length > 0) joined.push(pending);
  return joined;
}

/** Splits on punctuation and line breaks, but not on the point of 38.5. */
const clausesOf = (text: string) => text.split(/[,;!?:\n]+|\.(?!\d)/).map((clause) => clause.trim()).filter((clause) => clause !== '');

export function readShopStatus(text: string, staffNames: readonly string[]): ShopStatusReading {
  // 、 joins names (李四、王五 请假); normalize would make it a comma, which ends a clause.
  const normalized = normalize(text.replace(/、/g, '/')).replace(/[；]/g, ';').replace(/[：]/g, ':');
  const whole = normalized.replace(/[\s,.!~;]+$/g, '').replace(/^[\s,.!~;]+/g, '').trim();
  if (wholeNormal.test(whole.replace(/[的啊呀哦噢呢啦]+$/, ''))) return { kind: 'all-normal' };
  const names = [...new Set(staffNames.filter((name) => name.trim() !== ''))].sort((a, b) => b.length - a.length);
  const flagged: FlaggedStaff[] = [];
  const unknown: string[] = [];
  const missing: string[] = [];
  let normal = false;
  const clauses = clausesOf(whole);
  for (const tokens of joinedLists(clauses.map((clause, index) => tokenize(clause, index, names)))) {
    const reading = readClause(tokens);
    unknown.push(...reading.unknown);
    normal ||= reading.normal;
    for (const group of reading.groups) {
      if (group.normal && group.said.length === 0) {
        normal = true;
        continue;
      }
      const status = quoted(clauses, group.said);
      for (const name of group.names) {
        if (status === '') missing.push(name);
        else flagged.push({ name, status });
      }
    }
  }
  if (unknown.length > 0) return { kind: 'unknown-names', names: [...new Set(unknown)] };
  if (missing.length > 0) return { kind: 'missing-status', names: [...new Set(missing)] };
  if (flagged.length > 0) return { kind: 'flagged', flagged: lastSaidOf(flagged) };
  return normal ? { kind: 'all-normal' } : { kind: 'unreadable' };
}

/** A person named twice keeps one line: what was said of them last. */
function lastSaidOf(flagged: readonly FlaggedStaff[]): FlaggedStaff[] {
  const byName = new Map<string, FlaggedStaff>();
  for (const staff of flagged) {
    byName.delete(staff.name);
    byName.set(staff.name, staff);
  }
  return [...byName.values()];
}
