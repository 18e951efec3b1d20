import { normalize, parseNumberWord } from './answers/index.ts';

/** What a person can say at any question, in Chinese or English, to steer the form. */
export type Control =
  | { kind: 'back' }
  | { kind: 'change'; number: number }
  | { kind: 'skip' }
  | { kind: 'cancel' }
  | { kind: 'help' }
  | { kind: 'staff' };

const words: readonly [Exclude<Control['kind'], 'change'>, RegExp][] = [
  ['back', /^(?:返回|上一题|上一步|上一个|回上一题|back|previous|prev)$/i],
  ['skip', /^(?:跳过|不填|略过|skip)$/i],
  ['cancel', /^(?:取消|取消登记|退出|退出登记|不登记了|cancel|quit|stop)$/i],
  ['help', /^(?:帮助|怎么填|怎么写|help|\?)$/i],
  ['staff', /^(?:人工|转人工|人工服务|找工作人员|联系工作人员|staff|human|agent)$/i],
];
const change = /^(?:修改|更改|改|change|edit)\s*第?\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:题|项|个|条)?$/i;

export function parseControl(text: string): Control | undefined {
  const bare = normalize(text)
    .replace(/^\//, '')
    .replace(/[\s。.!！~]+$/u, '')
    .replace(/？/g, '?')
    .trim();
  for (const [kind, pattern] of words) {
    if (pattern.test(bare)) return { kind };
  }
  const changed = change.exec(bare);
  const number = changed?.[1] ? parseNumberWord(changed[1]) : null;
  if (number !== null && number !== undefined && number > 0) return { kind: 'change', number };
  return undefined;
}
