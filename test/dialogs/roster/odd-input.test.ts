import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../../src/dialogs/answers/index.ts';
import { parseRosterRules } from '../../../src/dialogs/roster/rules.ts';

const TODAY = '2026-03-05';
const entriesOf = (text: string) => parseRosterRules(text, TODAY).entries.map((row) => row.entry);

function idNumber(sequence: number): string {
  const first17 = `44010619900101${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

describe('odd input in a roster', () => {
  it('takes a tenant named like a city (金华) for a person where the line has one ID number for each name', () => {
    const text = `七栋一单元三零一住的是金华，身份证${idNumber(1)}，手机13912345678，九月二号搬来的；七栋一单元三零二住的是王伟，身份证${idNumber(2)}，手机13812345678。`;
    expect(entriesOf(text).map((entry) => [entry.name, entry.idNumber, entry.room?.room, entry.valid])).toEqual([
      ['金华', idNumber(1), '301', true],
      ['王伟', idNumber(2), '302', true],
    ]);
    // Listed under their room, with their own lines below: 金华 is a tenant there too.
    const grouped = `101房：金华、王伟\n金华 ${idNumber(4)} 13700000004\n王伟 ${idNumber(5)} 13700000005`;
    expect(entriesOf(grouped).map((entry) => [entry.name, entry.room?.room])).toEqual([['金华', '101'], ['王伟', '101']]);
    // Where a line has more name-like words than people, a place is still the place: 籍贯 湖北.
    expect(entriesOf(`赵丽 湖北武汉 ${idNumber(3)} 13912345678 3-2-502`).map((entry) => entry.name)).toEqual(['赵丽']);
  });

  it('reads a row separated by slashes as one separated by commas', () => {
    const comma = '张三，440106199601257124，13812345678，3-2-502\n李四，440104199509178965，13925836147，3-2-503';
    expect(entriesOf(comma.replaceAll('，', '/'))).toEqual(entriesOf(comma));
    expect(entriesOf(comma.replaceAll('，', ' / '))).toEqual(entriesOf(comma));
    expect(entriesOf(comma)).toHaveLength(2);
  });

  it('keeps a line of a thousand ID numbers as one row with its problem, not one person and nothing said', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => idNumber(i));
    const [row, ...more] = entriesOf(`刘某某 3-2-502 ${ids.join(' ')}`);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ name: '刘某某', idNumber: ids[0], valid: false, problems: ['id.many'] });
  });

  it('splits a line of many people, each with their ID number', () => {
    const line = ['王芳', '李娜', '张伟', '刘洋'].map((name, i) => `${name} ${idNumber(i)}`).join('，');
    expect(entriesOf(`${line} 3-2-502`).map((entry) => [entry.name, entry.idNumber, entry.problems])).toEqual([
      ['王芳', idNumber(0), []],
      ['李娜', idNumber(1), []],
      ['张伟', idNumber(2), []],
      ['刘洋', idNumber(3), []],
    ]);
  });

  it.each([
    ['a zero-width space', '\u200b'],
    ['a zero-width joiner', '\u200d'],
    ['a byte-order mark', '\ufeff'],
    ['a soft hyphen', '\u00ad'],
    ['a control character', '\u0007'],
  ])('does not lose the name to %s inside it', (_, invisible) => {
    const [entry] = entriesOf(`张${invisible}三 440106199601257124 13812345678 3-2-502`);
    expect(entry).toMatchObject({ name: '张三', valid: true });
  });
});
