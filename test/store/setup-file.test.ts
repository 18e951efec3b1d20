import { describe, expect, it } from 'vitest';
import { parseSetupFile } from '../../src/store/setup-file.ts';
import { SetupFileError } from '../../src/store/setup-problems.ts';

/** The message of the SetupFileError that parsing `text` throws, one problem a line. */
function problems(text: string, fileName = 'community.yaml'): string[] {
  try {
    parseSetupFile(text, fileName);
  } catch (error) {
    if (error instanceof SetupFileError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected the file to be refused');
}

const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

const good = lines(
  'communities:',
  '  - name: 幸福社区',
  '    sites:',
  '      - name: 保利紫山',
  '        kind: compound',
  '        buildings:',
  '          - name: 3栋',
  '            units:',
  '              - name: 1单元',
  '                rooms: [101, 102, "201", B202]',
  '              - name: 2单元',
  '                floors: 1-3',
  '                roomsPerFloor: 2',
  '          - name: 5栋',
  '      - name: 长庚里',
  '        kind: village',
  '        buildings:',
  '          - { name: 96号, floors: 2, roomsPerFloor: 3, rooms: [301] }',
  '      - name: 幸福市场',
  '        kind: market',
  '    grids:',
  '      - name: 第一网格',
  '        areas: [保利紫山/3栋, 长庚里]',
  '    chats:',
  '      - { platform: sandbox, id: 保利紫山3栋业主群, kind: building, area: 保利紫山/3栋 }',
  '      - { platform: telegram, id: -1001234567890, title: 工作群, kind: staff }',
  '    staff:',
  '      - name: 李主任',
  "        phone: '+86 138-0013-8000'",
  '        role: committee',
  '        scope: 幸福社区',
  '        accounts:',
  '          - { platform: sandbox, id: 李主任 }',
  '      - { name: 张网格, phone: 13900001111, role: grid_worker, scope: "grid:第一网格" }',
);

describe('parseSetupFile', () => {
  it('reads places, room shorthands, grids, chats and staff', () => {
    const { communities } = parseSetupFile(good, 'community.yaml');
    expect(communities).toHaveLength(1);
    const [community] = communities;
    expect(community?.sites.map((site) => [site.name, site.kind])).toEqual([
      ['保利紫山', 'compound'],
      ['长庚里', 'village'],
      ['幸福市场', 'market'],
    ]);
    expect(community?.sites[0]?.buildings).toEqual([
      {
        name: '3栋',
        rooms: [],
        units: [
          { name: '1单元', rooms: ['101', '102', '201', 'B202'] },
          { name: '2单元', rooms: ['101', '102', '201', '202', '301', '302'] },
        ],
      },
      { name: '5栋', rooms: [], units: [] },
    ]);
    expect(community?.sites[1]?.buildings[0]?.rooms).toEqual(['301', '101', '102', '103', '201', '202', '203']);
    expect(community?.grids).toEqual([{ name: '第一网格', areas: [['保利紫山', '3栋'], ['长庚里']] }]);
    expect(community?.chats).toEqual([
      { platform: 'sandbox', id: '保利紫山3栋业主群', title: '保利紫山3栋业主群', kind: 'building', area: ['保利紫山', '3栋'] },
      { platform: 'telegram', id: '-1001234567890', title: '工作群', kind: 'staff', area: null },
    ]);
    expect(community?.staff).toEqual([
      {
        name: '李主任',
        phone: '13800138000',
        role: 'committee',
        scope: { kind: 'area', path: ['幸福社区'] },
        accounts: [{ platform: 'sandbox', id: '李主任' }],
      },
      { name: '张网格', phone: '13900001111', role: 'grid_worker', scope: { kind: 'grid', name: '第一网格' }, accounts: [] },
    ]);
  });

  it('reads the same setup from JSON', () => {
    const json = JSON.stringify({ communities: [{ name: '幸福社区', sites: [{ name: '保利紫山', buildings: [{ name: '1栋', rooms: [101] }] }] }] }, null, 2);
    const { communities } = parseSetupFile(json, 'community.json');
    expect(communities[0]?.sites).toEqual([{ name: '保利紫山', kind: 'compound', buildings: [{ name: '1栋', rooms: ['101'], units: [] }] }]);
  });

  it('names the line, column and field of each mistake in YAML', () => {
    const text = good
      .replace('rooms: [101, 102, "201", B202]', 'rooms: [101, 102, "2-0-1", 101]')
      .replace('kind: village', 'kind: villag')
      .replace("phone: '+86 138-0013-8000'", "phone: '1380013800'")
      .replace('          - name: 5栋', '          - naem: 5栋');
    expect(problems(text)).toEqual([
      'community.yaml:10:35: communities[0].sites[0].buildings[0].units[0].rooms[2]: expected a room number like 502',
      'community.yaml:10:44: communities[0].sites[0].buildings[0].units[0].rooms[3]: 101 is listed twice',
      'community.yaml:14:13: communities[0].sites[0].buildings[1].name: required',
      'community.yaml:14:13: communities[0].sites[0].buildings[1].naem: unknown field',
      'community.yaml:16:15: communities[0].sites[1].kind: expected compound | market | village',
      'community.yaml:29:16: communities[0].staff[0].phone: expected an 11-digit mobile number like 13800138000',
    ]);
  });

  it('names the line of mistakes in how rooms, chats and staff are given', () => {
    const text = good
      .replace('                roomsPerFloor: 2\n', '')
      .replace('kind: building, area: 保利紫山/3栋 }', 'kind: building }')
      .replace('        role: committee\n', '        role: chairman\n')
      .replace('        accounts:\n', '        acounts:\n');
    expect(problems(text)).toEqual([
      'community.yaml:12:25: communities[0].sites[0].buildings[0].units[1].floors: needs roomsPerFloor beside it (roomsPerFloor: 2 gives 101, 102, 201, ...)',
      'community.yaml:24:9: communities[0].chats[0].area: required for a building chat (e.g. area: 保利紫山/3栋)',
      'community.yaml:29:15: communities[0].staff[0].role: expected admin | committee | grid_worker | building_leader | property_manager | market_manager',
      'community.yaml:31:9: communities[0].staff[0].acounts: unknown field',
    ]);
  });

  it('names the line of the second of two places with the same name', () => {
    const text = good.replace('      - name: 幸福市场', '      - name: 长庚里');
    expect(problems(text)).toEqual(['community.yaml:19:15: communities[0].sites[2].name: 长庚里 is listed twice']);
  });

  it('refuses a staff member that a second run could not find again', () => {
    const text = good.replace(', phone: 13900001111, role: grid_worker', ', role: grid_worker');
    expect(problems(text)).toEqual([
      'community.yaml:34:9: communities[0].staff[1].accounts: a staff member needs an account or a phone, so that the next run finds the same person',
    ]);
  });

  it('names the line, column and field of each mistake in JSON', () => {
    const json = [
      '{',
      '  "communities": [',
      '    {',
      '      "name": "幸福社区",',
      '      "sites": [',
      '        { "name": "保利紫山", "kind": "market", "buildings": [',
      '          { "name": "3栋", "units": [ { "name": "1单元", "floors": "18-1", "roomsPerFloor": 2 } ] }',
      '        ] }',
      '      ],',
      '      "chats": [ { "platform": "qq", "id": "x", "kind": "group" } ],',
      '      "staff": [ { "name": "李主任", "role": "committee", "scope": "a//b", "accounts": [ { "platform": "sandbox", "id": "李" } ] } ]',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    expect(problems(json, 'community.json')).toEqual([
      'community.json:7:65: communities[0].sites[0].buildings[0].units[0].floors: expected floors like 1-18 (from 1 up to 200)',
      'community.json:10:32: communities[0].chats[0].platform: expected sandbox | telegram | wechat',
      'community.json:11:65: communities[0].staff[0].scope: expected a path like 保利紫山/3栋',
    ]);
  });

  it('names the line of a YAML syntax error, and of every duplicate key', () => {
    expect(problems(lines('communities:', '  - name: a', '   b: 1'))).toEqual(['community.yaml:3:1: Sequence item without - indicator']);
    // The parser notices an unclosed list where the next item begins.
    const unclosed = good.replace('rooms: [101, 102, "201", B202]', 'rooms: [101, 102, "201", B202');
    expect(problems(unclosed)).toEqual([
      'community.yaml:11:15: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    const twice = good.replace('        kind: compound\n', '        kind: compound\n        kind: market\n').replace('role: grid_worker,', 'role: grid_worker, role: admin,');
    expect(problems(twice)).toEqual([
      'community.yaml:6:9: Map keys must be unique',
      'community.yaml:35:61: Map keys must be unique',
    ]);
  });

  it('names the line of a JSON syntax error and of a duplicate key', () => {
    expect(problems('{\n  "communities": [\n    { "name": "a", "name": "b" }\n  ]\n}', 'c.json')).toEqual([
      'c.json:3:20: Map keys must be unique',
    ]);
    expect(problems('{\n  "communities": [\n    { "name": "a" \n  ]\n}', 'c.json')).toEqual([
      'c.json:4:3: Flow map in block collection must be sufficiently indented and end with a }',
    ]);
  });

  it('refuses an empty file and a file without communities', () => {
    expect(problems('')).toEqual(['community.yaml:1:1: expected a mapping with communities: [...]']);
    expect(problems('communities: []\n')).toEqual(['community.yaml:1:1: communities: expected at least one community']);
    expect(problems('communitis:\n  - name: a\n')).toEqual([
      'community.yaml:1:1: communities: required',
      'community.yaml:1:1: communitis: unknown field',
    ]);
  });
});
