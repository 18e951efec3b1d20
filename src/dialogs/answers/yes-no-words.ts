/**
 * Yes or no said in words, as people answer "did you arrive from another city": 哪也没去, 一直在本地,
 * 刚回来, 上周回来的, 去过, 没去过, I stayed here, just got back.
 */

import { readYesNo } from './choice.ts';
import { normalize } from './normalize.ts';
import { accept, refuse, type AnswerResult } from './result.ts';

// "不久前回来的" says when, not no: these words hold a negation that negates nothing.
const NOT_A_NEGATION = /不久|没多久|不到|没几天|就差不多/gu;
// A negation counts when it negates going somewhere: 路上没停 (did not stop on the way) says nothing.
const NEGATIVE_ZH =
  /(?:没|未|不曾|从没|从来没)有?(?:怎么)?(?:去|出|离|回|走|动|来|到|外出|出门|出去|离开)|哪[儿里]?(?:也|都)没|一直(?:都)?(?:在|呆|待|住)|在本地|本地|在家|待着|呆着|^不是|^没有?的?$/u;
const POSITIVE_ZH = /回来|回到|回了|回本|过来|来的|来了|到的|到了|刚到|去过|去了|有的|有|从.+(?:来|回)|返回|返[深京沪穗杭]|出过差|出差/u;
const NEGATIVE_EN =
  /\b(?:no|nope|nah|not|never|nowhere|none|haven't|havent|hasn't|didn't|didnt|don't|stayed|all along|been here|at home)\b|n't\b/;
const POSITIVE_EN = /\b(?:yes|yeah|yep|yup|back|returned|arrived|came|got here|got in|i did|i have|travell?ed|flew|drove)\b/;

// The first word alone, when the rest explains it: "对 前天到的", "No, I stayed here".
const FIRST_WORD = /^([^\s,.!?;:，。！？；：]+)[\s,.!?;:，。！？；：]+\S/u;

export function readYesNoInWords(text: string): AnswerResult<boolean> {
  const whole = readYesNo(text);
  if (whole.ok || whole.reason === 'answer.empty') return whole;
  const normalized = normalize(text).toLowerCase();
  const first = FIRST_WORD.exec(normalized)?.[1];
  if (first !== undefined) {
    const leading = readYesNo(first);
    if (leading.ok) return leading;
  }
  const said = normalized.replace(NOT_A_NEGATION, '').replace(/[\s.,!?~。！？～]+$/u, '');
  if (NEGATIVE_ZH.test(said) || NEGATIVE_EN.test(said)) return accept(false);
  if (POSITIVE_ZH.test(said) || POSITIVE_EN.test(said)) return accept(true);
  return refuse('yesno.unreadable');
}
