import { describe, expect, it } from 'vitest';
import { parseSetupFile, SetupFileError } from '../../src/store/setup-file.ts';

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
      'community.yaml:8:31: communities[0].sites[0].buildings[0].rooms[2]: has the letter O where a 0 is meant: write 201, not 2O1',
    ]);
  });

  it('still takes rooms with letters that are meant', () => {
    expect(problems(file('[101, B202, 3-A, 1201B]'))).toEqual([]);
  });
});
