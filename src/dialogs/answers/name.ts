/** A person's name: Chinese (with the middle dot of minority names) or Latin letters. */

import { readYesNo } from './choice.ts';
import { normalize } from './normalize.ts';
import { accept, refuse, type AnswerResult } from './result.ts';

const MIN_LETTERS = 2;
const MAX_LETTERS = 20;

// Removed repeatedly, so that "姓名：我叫张三" loses both.
const POLITE_PREFIXES = [
  /^(?:我的名字(?:是|叫)|我的姓名是|名字叫|姓名叫|我叫|我是|本人|名字|姓名)\s*[:,]?\s*/,
  /^(?:my name is|my name's|name|i am|i'm|this is)\b\s*[:,]?\s*/i,
];
// Words that answer something else (the consent before, a greeting) and happen to be letters.
const NOT_NAMES =
  /^(?:i agree|agreed|i do|accept|hello|hi|hey|thanks|thank you|register|registration|start|skip|cancel|help|staff|unknown|none|nothing|you|me|name|my name|你好|您好|收到|知道了|谢谢|登记|开始|不知道|没有名字|保密|姓名|名字|本人|我|你|他|她)$/i;
const TRAILING_PUNCTUATION = /[\s.,!?~;:。！？]+$/;

// The dots people type between the parts of a minority name (买买提·艾力); all become the middle dot ·.
const NAME_DOTS = /\s*[·•・‧∙.]\s*/g;
const HAN = /\p{Script=Han}/u;
const CHINESE_NAME = /^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u;
const LATIN_NAME = /^\p{Script=Latin}+(?:(?: |-|'| - )\p{Script=Latin}+)*$/u;
const LETTER = /[\p{Script=Han}\p{Script=Latin}]/gu;

export function readPersonName(text: string): AnswerResult<string> {
  let name = normalize(text).replace(TRAILING_PUNCTUATION, '');
  for (let previous = ''; previous !== name; ) {
    previous = name;
    for (const prefix of POLITE_PREFIXES) name = name.replace(prefix, '');
  }
  if (name === '') return refuse('answer.empty');
  if (NOT_NAMES.test(name) || readYesNo(name).ok) return refuse('name.not-a-name');
  if (/\d/.test(name)) return refuse('name.digits');
  name = HAN.test(name) ? chineseForm(name) : name;
  if (!CHINESE_NAME.test(name) && !LATIN_NAME.test(name)) return refuse('name.characters');
  const letters = name.match(LETTER)?.length ?? 0;
  if (letters < MIN_LETTERS || letters > MAX_LETTERS) return refuse('name.length');
  return accept(name);
}

// Chinese names are written without spaces: "张 三" is 张三.
function chineseForm(name: string): string {
  return name.replace(NAME_DOTS, '·').replace(/(?<=\p{Script=Han}) +(?=\p{Script=Han})/gu, '');
}
