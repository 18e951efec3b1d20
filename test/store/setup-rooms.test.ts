import { describe, expect, it } from 'vitest';
import { parseSetupFile } from '../../src/store/setup-file.ts';
import { SetupFileError } from '../../src/store/setup-problems.ts';

/** What `linli setup` says of a file, one problem a line. */
function problems(text: string): string[] {
  try {
    parseSetupFile(text, 'community.yaml');
  } catch (error) {
    if (error instanceof SetupFileError) return error.message.split('\n');
    throw error;
  }
  return [];
}

const file = (rooms: string) =>
  ['communities:', '  - name: 幸福社区', '    sites:', '      - name: 保利紫山', '        kind: compound', '        buildings:', '          - name: 3栋', `            rooms: ${rooms}`, ''].join('\n');

describe('room numbers in a setup file', () => {
  it('refuses a letter O typed for a 0, with the line, and names every such room in one run', () => {
    expect(problems(file('[101, 2O1, 3o2]'))).toEqual([
      'community.yaml:8:26: communities[0].sites[0].buildings[0].rooms[1]: has the letter O where a 0 is meant: write 201, not 2O1',
      'community.yaml:8:31: communities[0].sites[0].buildings[0].rooms[2]: has the letter O where a 0 is meant: write 302, not 3o2',
    ]);
  });

  it('still takes rooms with letters that are meant', () => {
    expect(problems(file('[101, B202, 3-A, 1201B]'))).toEqual([]);
  });
});

describe('a setup file with problems of both kinds', () => {
  it('keeps what is sound, so that its places can be checked against the store in the same run', () => {
    const text = [
      'communities:',
      '  - name: 测试社区',
      '    sites:',
      '      - name: 甲小区',
      '        kind: compound',
      '        buildings:',
      '          - name: 1栋',
      '            rooms: [101, 2O1]',
      '    chats:',
      '      - { platform: sandbox, id: g1, kind: building, area: 甲小区/9栋 }',
      '      - { platform: sandbox, id: g2, kind: bogus, area: 甲小区/1栋 }',
      '      - { platform: sandbox, id: g3, kind: building, area: 乙小区 }',
      '',
    ].join('\n');
    let error: unknown;
    try {
      parseSetupFile(text, 'community.yaml');
    } catch (thrown) {
      error = thrown;
    }
    if (!(error instanceof SetupFileError) || !error.partial) throw new Error('expected a file error with its sound part');
    const partial = error.partial;
    expect(partial.communities[0]?.sites[0]?.buildings[0]?.rooms).toEqual(['101']);
    expect(partial.communities[0]?.chats.map((chat) => chat.id)).toEqual(['g1', 'g3']);
    // The sound part's fields are still found at their lines in the file: g3 is the third chat there.
    expect(partial.source.locate(['communities', 0, 'chats', 1, 'area'])?.line).toBe(12);
    expect(partial.source.locate(['communities', 0, 'chats', 0, 'area'])?.line).toBe(10);
  });
});
