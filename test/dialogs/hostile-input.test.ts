import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/bot/command.ts';
import {
  findDate,
  findIdNumbers,
  findPhones,
  findRoom,
  readChoice,
  readCity,
  readDate,
  readHealthCode,
  readIdNumber,
  readInteger,
  readMobilePhone,
  readOtherDocument,
  readPastDate,
  readPersonName,
  readPlace,
  readRoom,
  readYesNo,
} from '../../src/dialogs/answers/index.ts';
import { readCheckinAnswer } from '../../src/dialogs/checkin-answer.ts';
import { RosterFileError, rosterFileText } from '../../src/dialogs/roster/file.ts';
import { parseRosterRules } from '../../src/dialogs/roster/rules.ts';
import { readShopStatus } from '../../src/dialogs/shop-status-answer.ts';
import { readShopListText } from '../../src/dialogs/shop-list.ts';
import { maskText } from '../../src/privacy/index.ts';
import { isWellFormed } from './answers/arbitraries.ts';

/**
 * What a hostile or careless sender can put in a message: no reader may throw or loop on it.
 * Each reader must come back with a value or a reason, and masking must leave no ID number whole.
 */
const today = '2026-03-05';
const zeroWidth = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
const bidi = ['\u202e', '\u202d', '\u2066', '\u2067', '\u2069', '\u200f'];
const controls = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).concat(['\u007f', '\u0085']);
const fragments = [
  "'; DROP TABLE persons; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${process.exit()}',
  '{{7*7}}',
  '\\u0000',
  '%s%s%s%n',
  '../../../../etc/passwd',
  '\u0000',
];
const emoji = ['😀', '👍🏽', '👨‍👩‍👧‍👦', '🇨🇳', '🏠', '❤️', '🙏'];
const realBits = ['王芳', '440603199001011093', '13812345678', '3栋2单元502', '2026年3月1日', '同意', '是', '收到', '\t', '\n', '，', '、'];

const hostilePiece = fc.oneof(
  fc.constantFrom(...zeroWidth, ...bidi, ...controls, ...fragments, ...emoji, ...realBits),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const hostileText = fc.array(hostilePiece, { maxLength: 40 }).map((pieces) => pieces.join(''));

const idLikeLine = (count: number) => Array.from({ length: count }, (_, i) => `4406031990${String(i).padStart(6, '0')}${i % 10}X`.slice(0, 18)).join(' ');
const huge = (kb: number) => '王芳 13812345678 3栋502 '.repeat(Math.ceil((kb * 1024) / 30)).slice(0, kb * 1024);

const textReaders: Record<string, (text: string) => unknown> = {
  readPersonName: (text) => readPersonName(text),
  readIdNumber: (text) => readIdNumber(text, today),
  readOtherDocument: (text) => readOtherDocument(text),
  readMobilePhone: (text) => readMobilePhone(text),
  readRoom: (text) => readRoom(text),
  readDate: (text) => readDate(text, today),
  readPastDate: (text) => readPastDate(text, today),
  readHealthCode: (text) => readHealthCode(text),
  readYesNo: (text) => readYesNo(text),
  readChoice: (text) => readChoice(text, [{ value: 'owner', words: ['业主'] }, { value: 'tenant', words: ['租户'] }]),
  readInteger: (text) => readInteger(text, { min: 0, max: 10 }),
  readCity: (text) => readCity(text),
  readPlace: (text) => readPlace(text),
  findIdNumbers: (text) => findIdNumbers(text),
  findPhones: (text) => findPhones(text),
  findRoom: (text) => findRoom(text),
  findDate: (text) => findDate(text, today),
  parseCommand: (text) => parseCommand(text),
  readCheckinAnswer: (text) => readCheckinAnswer(text),
  readShopStatus: (text) => readShopStatus(text, ['张三', '李四']),
  readShopListText: (text) => readShopListText(text),
  parseRosterRules: (text) => parseRosterRules(text, today),
  maskText: (text) => maskText(text),
};

const readerResultOk = (value: unknown) =>
  value !== null && typeof value === 'object' && 'ok' in value ? isWellFormed(value as Parameters<typeof isWellFormed>[0]) : true;

describe('every reader of what people type', () => {
  for (const [name, read] of Object.entries(textReaders)) {
    it(`${name} answers any hostile text with a value or a reason`, () => {
      fc.assert(
        fc.property(hostileText, (text) => {
          expect(readerResultOk(read(text))).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('each survives a 100 KB message, emoji only, and a line of ten thousand ID-like numbers', () => {
    const extremes = [huge(100), emoji.join('').repeat(2000), idLikeLine(10_000), zeroWidth.join('').repeat(5000), controls.join('').repeat(500)];
    for (const [name, read] of Object.entries(textReaders)) {
      for (const text of extremes) expect(readerResultOk(read(text)), name).toBe(true);
    }
  }, 300_000);

  it('masking leaves no ID number or phone whole, however it is hidden among odd characters', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (before, after) => {
        const masked = maskText(`${before} 440603199001011093 ${after} 13812345678 ${before}`);
        expect(masked).not.toContain('440603199001011093');
        expect(masked).not.toContain('13812345678');
      }),
      { numRuns: 300 },
    );
  });
});

describe('the roster file reader', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('refuses a million-row CSV as too many rows, and does not choke on it', async () => {
    const rows = ['姓名,手机号,房号'];
    for (let i = 0; i < 1_000_000; i++) rows.push(`租户${i},138${String(i).padStart(8, '0')},${100 + (i % 900)}`);
    await expect(rosterFileText(bytes(rows.join('\n')), '租户.csv', { maxRows: 5000 })).rejects.toMatchObject({ problem: 'too-many-rows' });
  }, 120_000);

  it('refuses a broken workbook, a file of random bytes and a file of NULs with a clear error', async () => {
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...Array.from({ length: 200 }, (_, i) => (i * 37) % 256)]);
    await expect(rosterFileText(broken, '租户.xlsx')).rejects.toBeInstanceOf(RosterFileError);
    await expect(rosterFileText(new Uint8Array(1000), '租户.csv')).rejects.toMatchObject({ problem: 'not-a-spreadsheet' });
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('a.xlsx', 'a.csv'), async (data, name) => {
        try {
          await rosterFileText(data, name, { maxRows: 5000, maxUnpackedBytes: 1_000_000 });
        } catch (error) {
          expect(error).toBeInstanceOf(RosterFileError);
        }
      }),
      { numRuns: 200 },
    );
  });
});
