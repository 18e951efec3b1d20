import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeRoster } from '../../../src/dialogs/roster/detect.ts';
import { parseRosterRules } from '../../../src/dialogs/roster/rules.ts';
import { anyText } from '../answers/arbitraries.ts';
import { expectedRow, layout, tenant, tenantLine } from './generate.ts';
import { message } from './generate-messages.ts';

const TODAY = '2026-03-05';

// Pieces of roster lines, so that random texts get past the first checks.
const ROSTER_PIECES = [
  '张三', '李秀英', '欧阳娜娜', '440106199601257124', '44010619960125712', '13812345678', '1381234567', '3-2-502', '3栋2单元502',
  '302房', 'B座1203', '长庚里96号', '上个月15号', '3月1日', '已搬走', '新来的', '换到', '姓名', '身份证号', '电话', '房号',
  '\t', '\n', ' ', '，', '、', '|', '1.', '①', '(1)', '：', '？', '通知', '以下', '名单',
];
const rosterish = fc.array(fc.constantFrom(...ROSTER_PIECES), { maxLength: 30 }).map((pieces) => pieces.join(''));

describe('the roster parser on any text', () => {
  it('never throws, and keeps its promises about the result', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, rosterish), (text) => {
        const parsed = parseRosterRules(text, TODAY);
        expect(parsed.isRoster).toBe(looksLikeRoster(text, TODAY));
        if (!parsed.isRoster) expect(parsed).toEqual({ isRoster: false, entries: [], unreadLines: [] });
        for (const { lineNo, entry } of parsed.entries) {
          expect(lineNo).toBeGreaterThanOrEqual(1);
          expect(entry.valid).toBe(entry.problems.length === 0);
          if (entry.idNumber !== null) expect(entry.idNumber).toMatch(/^[\dX]+$/);
          if (entry.phone !== null) expect(entry.phone).toMatch(/^\d+$/);
          if (entry.moveIn !== null) expect(entry.moveIn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a well-formed roster', () => {
  it('is recovered exactly, whatever the layout of each line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(tenant, layout), { minLength: 1, maxLength: 12 }).filter((rows) => new Set(rows.map(([t]) => t.idNumber)).size === rows.length),
        fc.boolean(),
        (rows, withTitle) => {
          const lines = rows.map(([t, style], i) => tenantLine(t, style, i));
          const text = (withTitle ? ['以下是我的租客：', ...lines] : lines).join('\n');
          const offset = withTitle ? 2 : 1;
          const parsed = parseRosterRules(text, TODAY);
          expect(parsed.isRoster).toBe(true);
          expect(parsed.entries).toEqual(rows.map(([t, style], i) => expectedRow(t, style, i + offset)));
          expect(parsed.unreadLines).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is recovered from an Excel copy with a heading row', () => {
    fc.assert(
      fc.property(fc.array(tenant, { minLength: 1, maxLength: 10 }).filter((rows) => new Set(rows.map((t) => t.idNumber)).size === rows.length), (rows) => {
        const text = ['姓名\t身份证号\t手机号\t房号', ...rows.map((t) => tenantLine(t, 'tabs', 0))].join('\n');
        expect(parseRosterRules(text, TODAY).entries).toEqual(rows.map((t, i) => expectedRow(t, 'tabs', i + 2)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('generated messages in every style landlords use', () => {
  // Tables with and without headings, merged cells, numbered and grouped lists, prose in Chinese
  // numerals, mixed separators, full-width digits, towers, lanes, headings, dates of every form.
  // A failure shrinks to the smallest message that fails, printed as the counterexample.
  it('are parsed exactly as generated', () => {
    fc.assert(
      fc.property(message, ({ text, expected }) => {
        const parsed = parseRosterRules(text, TODAY);
        expect(parsed.isRoster, text).toBe(true);
        expect(parsed.entries, text).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
