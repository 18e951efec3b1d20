/** Answers to closed questions: yes or no, or one of a list of options. */

import { parseNumberWord } from './chinese-numerals.ts';
import { normalize } from './normalize.ts';
import { accept, refuse, type AnswerResult } from './result.ts';

const YES = new Set(['是', '是的', '对', '对的', '好', '好的', '同意', '确认', '确定', '嗯', '嗯嗯', '有', '可以', '行', '没问题', 'yes', 'y', 'yeah', 'yep', 'ok', 'okay', 'agree', 'sure', '👍', '👌', 'confirm', 'confirmed', 'submit', 'correct', 'all correct', 'all good', '没错', '无误', '正确', '提交', '需要', '需要的', '要', '要的']);
const NO = new Set(['否', '不', '不是', '不是的', '不对', '没有', '没', '无', '不同意', '不要', '不用', '不需要', '不必', '不行', 'no', 'n', 'nope', 'not', 'disagree']);

// Particles and punctuation that do not change the answer: 是的呀！, ok.
const TRAILING = /[\s.,!?~。！？…]+$|(?<=.)[啊呀吧了哈哦喔呢嘛]+$/u;

function bare(text: string): string {
  let previous = '';
  let current = normalize(text).toLowerCase();
  while (previous !== current) {
    previous = current;
    current = current.replace(TRAILING, '');
  }
  return current;
}

export function readYesNo(text: string): AnswerResult<boolean> {
  const answer = bare(text);
  if (answer === '') return refuse('answer.empty');
  if (YES.has(answer)) return accept(true);
  if (NO.has(answer)) return accept(false);
  return refuse('yesno.unreadable');
}

export interface ChoiceOption<T> {
  value: T;
  /** Words that pick this option, in any of the form's languages. */
  words: readonly string[];
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';
const NUMBERED = /^(?:第|选|选择|option\s*|no\.?\s*)?(?<number>\d{1,2}|[一二两三四五六七八九十]{1,2})(?:个|项|号)?\.?$/i;

/** Picks an option by its number (1, ①, 一, 第二个) or by one of its words, exact or contained in the answer. */
export function readChoice<T>(text: string, options: readonly ChoiceOption<T>[]): AnswerResult<T> {
  const answer = bare(text);
  if (answer === '') return refuse('answer.empty');
  const words = options.map((option) => option.words.map((word) => bare(word)).filter((word) => word !== ''));
  const exact = options.filter((_, i) => words[i]?.includes(answer));
  if (exact.length === 1 && exact[0]) return accept(exact[0].value);
  const numbered = options[optionNumber(answer) - 1];
  if (numbered) return accept(numbered.value);
  return byContainedWord(answer, options, words);
}

function optionNumber(answer: string): number {
  const circled = CIRCLED.indexOf(answer);
  if (circled >= 0) return circled + 1;
  const written = NUMBERED.exec(answer)?.groups?.['number'];
  return written === undefined ? 0 : (parseNumberWord(written) ?? 0);
}

// "我是业主家属" names both 业主 and 业主家属: the longest word says most.
function byContainedWord<T>(answer: string, options: readonly ChoiceOption<T>[], words: readonly string[][]): AnswerResult<T> {
  let longest = 0;
  let chosen: ChoiceOption<T>[] = [];
  options.forEach((option, i) => {
    const length = Math.max(0, ...(words[i] ?? []).filter((word) => mentions(answer, word)).map((word) => word.length));
    if (length === 0 || length < longest) return;
    chosen = length > longest ? [option] : [...chosen, option];
    longest = length;
  });
  if (chosen.length > 1) return refuse('choice.ambiguous');
  const [only] = chosen;
  return only === undefined ? refuse('choice.unreadable') : accept(only.value);
}

// Latin words count only as whole words: "no" is not in "known".
function mentions(answer: string, word: string): boolean {
  if (!/^[a-z0-9' -]+$/.test(word)) return answer.includes(word);
  return new RegExp(`(?<![a-z0-9])${word}(?![a-z0-9])`).test(answer);
}
