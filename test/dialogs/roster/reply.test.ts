import { describe, expect, it } from 'vitest';
import { REASON_CODES, reasonText } from '../../../src/dialogs/answers/index.ts';
import { PROBLEM_CODES, problemLabel, problemText, type RosterEntry } from '../../../src/dialogs/roster/entry.ts';
import { rosterJson, rosterReply } from '../../../src/dialogs/roster/reply.ts';
import { parseRosterRules } from '../../../src/dialogs/roster/rules.ts';

const entry = (fields: Partial<RosterEntry>): RosterEntry => ({
  name: '张三',
  idNumber: null,
  phone: null,
  room: null,
  moveIn: null,
  action: 'add',
  valid: true,
  problems: [],
  ...fields,
});

describe('problem texts', () => {
  it('has a label and a sentence in both languages for every code, and uses the readers’ sentences where they have the code', () => {
    for (const code of PROBLEM_CODES) {
      for (const lang of ['zh-CN', 'en'] as const) {
        expect(problemLabel(code, entry({}), lang)).not.toBe('');
        expect(problemText(code, lang)).not.toBe('');
      }
      if ((REASON_CODES as string[]).includes(code)) expect(problemText(code, 'zh-CN')).toBe(reasonText(code, 'zh-CN'));
    }
  });

  it('says whether a phone is a digit short or long', () => {
    expect(problemLabel('phone.length', entry({ phone: '1381234567' }), 'zh-CN')).toBe('手机号少一位');
    expect(problemLabel('phone.length', entry({ phone: '138123456789' }), 'zh-CN')).toBe('手机号多一位');
    expect(problemLabel('id.length', entry({ idNumber: '44010619960125712' }), 'zh-CN')).toBe('身份证号是17位，应为18位');
    expect(problemLabel('id.checksum', entry({}), 'zh-CN')).toBe('身份证号校验位不对');
  });
});

describe('rosterReply', () => {
  const parse = parseRosterRules('张三 440106199601257125 13812345678 3-2-502\n李四 13925836147 已搬走', '2026-03-05');

  it('lists the rows with ID numbers and phones masked', () => {
    expect(rosterReply(parse)).toBe(
      ['收到名单，共 2 人，其中 1 行需要核对：', '1. 张三 4401**********7125 138****5678 3-2-502 ❌ 身份证号校验位不对', '2. 李四 139****6147（搬走） ✅'].join('\n'),
    );
    expect(rosterReply(parse, 'en')).toContain('1. 张三 4401**********7125 138****5678 3-2-502 ❌ ID number check digit is wrong');
  });

  it('gives the JSON of the entries alone', () => {
    expect(JSON.parse(rosterJson(parse))).toEqual({ isRoster: true, entries: parse.entries.map((row) => row.entry) });
  });
});
