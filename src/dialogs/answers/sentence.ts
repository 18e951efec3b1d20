/**
 * An answer often comes inside a sentence: a correction (「刚才写错了 3栋301」, 「不是的 应该是这个月12号」),
 * or "none" said at length (「没啥了」, "nothing else, thanks"). These take the sentence off the answer.
 */

import { normalize } from './normalize.ts';

const CORRECTION =
  /^(?:(?:刚才|刚刚|之前|上面|前面)?(?:写错了?|打错了?|发错了?|填错了?|输错了?|弄错了?|搞错了?|说错了?)|不是的?|不对|更正(?:一下)?|纠正(?:一下)?|sorry|oops|correction|i mean|actually|no wait)[\s,.!:;，。！：；]*(?:(?:应该|应当)?(?:是|为)|改(?:成|为)|is|it's|it is)?[\s,.:：]*/iu;

/** The answer in a correction; the text as it was when it is none. An answer alone is not touched. */
export function withoutCorrection(text: string): string {
  const normalized = normalize(text);
  const answer = normalized.replace(CORRECTION, '');
  return answer === '' ? normalized : answer;
}

// Politeness around "none": 没有了，谢谢 / nothing else, thanks.
const POLITE_END = /[\s,.!~。！，]*(?:谢谢(?:您|你)?|多谢|感谢|thanks?(?: you)?|thx|了|啦|哈|吧|呢|啊|呀)?[\s,.!~。！，]*$/iu;
const POLITE_START = /^(?:嗯+|哦|没有[,，\s]|no[,\s]+|um+)[\s,，]*/iu;
const NONE =
  /^(?:无|没|没有|没了|没有了|暂无|暂时没有|都没有|没啥|没啥了|没什么|没什么了|没别的|没有别的|没其他|没有其他的?|没其它|没有什么|没什么要说的|没有需要|不用|不需要|没有?(?:做|测|打|检测|查)过?|none|no|nope|nothing|nothing else|no more|not really|that's all|thats all|all good|n\/a|na|-)$/iu;

/** Whether the answer says there is nothing (to add, to report). */
export function saysNone(text: string): boolean {
  let bare = normalize(text).toLowerCase();
  for (let previous = ''; previous !== bare; ) {
    previous = bare;
    bare = bare.replace(POLITE_END, '').replace(POLITE_START, '').trim();
  }
  return NONE.test(bare) || NONE.test(normalize(text).toLowerCase().replace(/[。.!！]+$/, ''));
}

const DONT_KNOW =
  /^(?:不知道|不清楚|不晓得|不记得|不太清楚|不太知道|忘了|忘记了|不确定|没问|i don't know|i dont know|don't know|dont know|dunno|no idea|not sure|unknown|i'm not sure|forgot)[\s,.!?~。！？～…]*$/iu;

/** "I don't know": for a question one may skip, a skip. */
export function saysDontKnow(text: string): boolean {
  return DONT_KNOW.test(normalize(text).toLowerCase().replace(/[’]/g, "'"));
}
