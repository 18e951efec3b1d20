import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../support/cli.ts';

/** `linli setup` as a committee member meets it: every problem of the file in one run. */
const cli = cliRunner('setup-problems');
afterAll(async () => {
  await cli.drop();
});

describe('linli setup with a file that has several problems', () => {
  it('names the mistakes in the file and the places it cannot find, all in one run, and loads nothing', async () => {
    const file = path.join(cli.dataDir, 'community.yaml');
    fs.writeFileSync(
      file,
      [
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
        '    grids:',
        '      - name: 网格一',
        '        areas: [乙小区]',
        '',
      ].join('\n'),
    );
    const result = await cli.run(['setup', file]);
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('community.yaml:'));
    expect(lines).toEqual([
      'community.yaml:8:26: communities[0].sites[0].buildings[0].rooms[1]: has the letter O where a 0 is meant: write 201, not 2O1',
      'community.yaml:10:60: communities[0].chats[0].area: no place 甲小区/9栋 in 测试社区, neither in this file nor in the store',
      'community.yaml:11:44: communities[0].chats[1].kind: expected building | market | staff | group',
      'community.yaml:14:17: communities[0].grids[0].areas[0]: no place 乙小区 in 测试社区, neither in this file nor in the store',
    ]);
    // The check of the places was a dry run: nothing of the file was loaded.
    const store = await cli.open();
    try {
      expect(await store.db.query(`SELECT id FROM areas WHERE name = '测试社区'`)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
