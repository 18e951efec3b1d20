import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTranscript, sandboxInbound } from '../../../src/bot/channels/sandbox.ts';
import { readBindIntent } from '../../../src/bot/handlers/bind.ts';
import { ingest } from '../../../src/bot/ingest.ts';
import { waitUntilSettled } from '../../../src/bot/settle.ts';
import { BindTargetError, makeBindCode } from '../../../src/cli/bind-code.ts';
import { formatChatTable } from '../../../src/cli/chats.ts';
import { findAreaByPath, findCommunity } from '../../../src/store/areas.ts';
import { bindCodeAlphabet, createBindCode, listChatBindings, normalizeBindCode } from '../../../src/store/bind-codes.ts';
import { findChat } from '../../../src/store/chats.ts';
import { one } from '../../../src/store/db.ts';
import { applySetup } from '../../../src/store/setup.ts';
import { parseSetupFile } from '../../../src/store/setup-file.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

const community = `
communities:
  - name: 幸福社区
    sites:
      - name: 保利紫山
        kind: compound
        buildings: [{ name: 3栋 }, { name: 5栋 }]
      - name: 长庚里
        kind: village
        buildings: [{ name: 96号 }]
      - name: 幸福市场
        kind: market
    grids:
      - { name: 第一网格, areas: [长庚里] }
    staff:
      - { name: 李主任, role: committee, scope: 幸福社区, accounts: [{ platform: sandbox, id: 李主任 }] }
      - { name: 张楼长, role: building_leader, scope: 保利紫山/3栋, accounts: [{ platform: sandbox, id: 张楼长 }] }
      - { name: 王网格, role: grid_worker, scope: "grid:第一网格", accounts: [{ platform: sandbox, id: 王网格 }] }
  - name: 和平社区
    sites:
      - name: 东苑
        kind: compound
        buildings: [{ name: 1栋 }]
    staff:
      - { name: 赵主任, role: committee, scope: 和平社区, accounts: [{ platform: sandbox, id: 赵主任 }] }
`;

let linli: TestLinli;
let areaIds: Record<'building3' | 'building5' | 'village' | 'market', number>;

beforeAll(async () => {
  linli = await startTestLinli();
  await applySetup(linli.deps.db, linli.deps.cipher, parseSetupFile(community, 'community.yaml'));
  const root = await findCommunity(linli.deps.db, '幸福社区');
  if (!root) throw new Error('no community');
  const id = async (...path: string[]) => {
    const area = await findAreaByPath(linli.deps.db, root.id, path);
    if (!area) throw new Error(`no ${path.join('/')}`);
    return area.id;
  };
  areaIds = {
    building3: await id('保利紫山', '3栋'),
    building5: await id('保利紫山', '5栋'),
    village: await id('长庚里'),
    market: await id('幸福市场'),
  };
});
afterAll(async () => {
  await linli?.close();
});

/** One chat message in the sandbox; the bot's answers to it. */
async function send(user: string, chat: string, text: string): Promise<string[]> {
  const result = await ingest(linli.deps, sandboxInbound(user, chat, text));
  if (result.kind !== 'accepted') throw new Error(`not accepted: ${result.kind}`);
  expect(await waitUntilSettled(linli.deps.db, [result.inboundId], { timeoutMs: 20_000 })).toBe(true);
  const lines = await readTranscript(linli.deps.db, linli.deps.cipher, { inboundIds: [result.inboundId] });
  return lines.map((line) => line.text);
}

async function codeFrom(user: string, request: string): Promise<string> {
  const [answer] = await send(user, 'dm', request);
  const code = /绑定码：([A-Z0-9]{6})/.exec(answer ?? '')?.[1];
  if (!code) throw new Error(`no code in: ${answer}`);
  return code;
}

async function chat(name: string) {
  const found = await findChat(linli.deps.db, 'sandbox', name);
  if (!found) throw new Error(`no chat ${name}`);
  const row = await one<{ bound_at: Date | null }>(linli.deps.db, 'SELECT bound_at FROM chats WHERE id = $1', [found.id]);
  return { ...found, boundAt: row.bound_at };
}

async function codeRow(code: string) {
  return one<{ used_at: Date | null; used_by_chat_id: number | null }>(
    linli.deps.db,
    'SELECT used_at, used_by_chat_id FROM bind_codes WHERE code = $1',
    [code],
  );
}

describe('binding a group to a place', () => {
  it('staff get a code privately, post it in the group, and the group serves that place', async () => {
    const code = await codeFrom('李主任', '/bindcode 保利紫山/3栋');
    expect(code).toMatch(new RegExp(`^[${bindCodeAlphabet}]{6}$`));
    expect(await send('李主任', '3栋新业主群', `/bind ${code}`)).toEqual(['本群已绑定：幸福社区 / 保利紫山 / 3栋（楼栋群）。']);
    const bound = await chat('3栋新业主群');
    expect(bound).toMatchObject({ areaId: areaIds.building3, kind: 'building' });
    expect(bound.boundAt).toBeInstanceOf(Date);
    expect(await codeRow(code)).toMatchObject({ used_by_chat_id: bound.id });
  });

  it('takes 绑定 CODE in any case, from a building leader whose one scope needs no place named', async () => {
    const code = await codeFrom('张楼长', '/bindcode');
    expect(await send('张楼长', '3栋楼长群', `绑定 ${code.toLowerCase()}`)).toEqual(['本群已绑定：幸福社区 / 保利紫山 / 3栋（楼栋群）。']);
    expect(await chat('3栋楼长群')).toMatchObject({ areaId: areaIds.building3 });
  });

  it('refuses a resident politely and leaves the code unused', async () => {
    const code = await codeFrom('李主任', '/bindcode 保利紫山/5栋');
    const [answer] = await send('王芳', '5栋闲聊群', `/bind ${code}`);
    expect(answer).toContain('只有社区工作人员可以绑定');
    expect(await chat('5栋闲聊群')).toMatchObject({ areaId: null, kind: 'group' });
    expect(await codeRow(code)).toMatchObject({ used_at: null });
  });

  it('refuses a code for a place outside the staff member’s scope', async () => {
    const code = await codeFrom('李主任', '/bindcode 保利紫山/5栋');
    const [fromBuildingLeader] = await send('张楼长', '5栋二群', `/bind ${code}`);
    expect(fromBuildingLeader).toContain('不在您负责的范围内');
    const [fromOtherCommunity] = await send('赵主任', '5栋二群', `绑定 ${code}`);
    expect(fromOtherCommunity).toContain('幸福社区 / 保利紫山 / 5栋');
    expect(await chat('5栋二群')).toMatchObject({ areaId: null });
    // The code is still good for someone whose scope covers it.
    expect(await send('李主任', '5栋二群', `/bind ${code}`)).toEqual(['本群已绑定：幸福社区 / 保利紫山 / 5栋（楼栋群）。']);
  });

  it('lets a grid worker bind a group of a place in the grid', async () => {
    const [askPlace] = await send('王网格', 'dm', '/bindcode');
    expect(askPlace).toBe('请写明给哪里生成绑定码，例如：/bindcode 长庚里\n您负责的范围：第一网格（网格）');
    const code = await codeFrom('王网格', '/bindcode 长庚里/96号');
    expect(await send('王网格', '96号租户群', `/bind ${code}`)).toEqual(['本群已绑定：幸福社区 / 长庚里 / 96号（楼栋群）。']);
    const [outside] = await send('王网格', 'dm', '/bindcode 保利紫山');
    expect(outside).toBe('幸福社区 / 保利紫山 不在您负责的范围内。');
  });

  it('refuses an expired code, a used code and a code that does not exist', async () => {
    const fourDaysAgo = new Date(Date.now() - 4 * 86_400_000);
    const expired = await createBindCode(linli.deps.db, { areaId: areaIds.building5, chatKind: 'building', createdBy: null, now: fourDaysAgo });
    const [tooLate] = await send('李主任', '5栋三群', `/bind ${expired.code}`);
    expect(tooLate).toContain('已过期');

    const code = await codeFrom('李主任', '/bindcode 保利紫山/5栋');
    await send('李主任', '5栋三群', `/bind ${code}`);
    const [used] = await send('李主任', '5栋四群', `/bind ${code}`);
    expect(used).toContain('已经用过了');
    expect(await chat('5栋四群')).toMatchObject({ areaId: null });
    const [again] = await send('李主任', '5栋三群', `/bind ${code}`);
    expect(again).toContain('本群已经绑定在：幸福社区 / 保利紫山 / 5栋');

    const [unknown] = await send('李主任', '5栋四群', '/bind ZZZZZZ');
    expect(unknown).toContain('没有找到绑定码「ZZZZZZ」');
    const [usage] = await send('李主任', '5栋四群', '/bind');
    expect(usage).toContain('/bind 绑定码');
  });

  it('moves a bound group to the place of a new code, keeping the chat and its history', async () => {
    const first = await codeFrom('李主任', '/bindcode 保利紫山/3栋');
    await send('李主任', '搬家群', `/bind ${first}`);
    const before = await chat('搬家群');
    await send('王芳', '搬家群', '今天停水吗');
    // A building leader of 3栋 may not move the group to a place outside their scope ...
    const market = await codeFrom('李主任', '/bindcode 幸福市场');
    expect((await send('张楼长', '搬家群', `/bind ${market}`))[0]).toContain('不在您负责的范围内');
    // ... and the committee may.
    expect(await send('李主任', '搬家群', `/bind ${market}`)).toEqual([
      '本群已改为绑定：幸福社区 / 幸福市场（市场群），原为：幸福社区 / 保利紫山 / 3栋。群里的记录都保留。',
    ]);
    const after = await chat('搬家群');
    expect(after).toMatchObject({ id: before.id, areaId: areaIds.market, kind: 'market' });
    const history = await one<{ n: number }>(linli.deps.db, 'SELECT count(*)::int AS n FROM inbound_messages WHERE chat_id = $1', [before.id]);
    expect(history.n).toBe(4);
  });

  it('unbinds for staff of that place only, and ignores a resident saying 解绑', async () => {
    const code = await codeFrom('李主任', '/bindcode 保利紫山/5栋');
    await send('李主任', '解绑群', `/bind ${code}`);
    expect(await send('王芳', '解绑群', '解绑')).toEqual([]);
    expect((await send('王芳', '解绑群', '/unbind'))[0]).toContain('只有社区工作人员');
    expect((await send('张楼长', '解绑群', '/unbind'))[0]).toContain('本群现在绑定在 幸福社区 / 保利紫山 / 5栋');
    expect(await send('李主任', '解绑群', '解绑')).toEqual(['本群已解除绑定（原为：幸福社区 / 保利紫山 / 5栋）。']);
    const unbound = await chat('解绑群');
    expect(unbound).toMatchObject({ areaId: null, kind: 'group', boundAt: null });
    expect((await send('李主任', '解绑群', '/unbind'))[0]).toBe('本群还没有绑定任何地方。');
  });

  it('makes codes only in a private chat, for staff, of a kind that fits the place', async () => {
    expect((await send('李主任', '某个群', '/bindcode'))[0]).toContain('请私聊我');
    expect((await send('王芳', 'dm', '/bindcode'))[0]).toBe('只有社区工作人员可以生成绑定码。');
    expect((await send('李主任', 'dm', '/bindcode 保利紫山/3栋 market'))[0]).toContain('不能绑定为市场群');
    expect((await send('李主任', 'dm', '/bindcode 保利紫山/9栋'))[0]).toContain('没有找到「保利紫山/9栋」');
    expect((await send('李主任', 'dm', '/bindcode 幸福社区 工作群'))[0]).toContain('用于：幸福社区（工作群）');
    expect((await send('李主任', '某个群', '/bind K7QX4M'))[0]).toContain('没有找到绑定码');
  });

  it('leaves other talk of 绑定 alone', () => {
    expect(readBindIntent('绑定银行卡')).toBeUndefined();
    expect(readBindIntent('怎么绑定')).toBeUndefined();
    expect(readBindIntent('绑定：K7QX4M')).toEqual({ kind: 'bind', typed: 'K7QX4M' });
    expect(readBindIntent('/bind@linli_bot K7QX4M')).toEqual({ kind: 'bind', typed: 'K7QX4M' });
    expect(normalizeBindCode('k7q x4m')).toBe('K7QX4M');
    expect(normalizeBindCode('K7QX40')).toBeUndefined();
  });
});

describe('the command line', () => {
  it('makes a code for a building, a market and a community, with the kind each needs', async () => {
    const building = await makeBindCode(linli.deps.db, { site: '保利紫山', building: '3栋' }, { ttlHours: 72 });
    expect(building).toMatchObject({ place: ['幸福社区', '保利紫山', '3栋'], code: { chatKind: 'building', areaId: areaIds.building3 } });
    const market = await makeBindCode(linli.deps.db, { site: '幸福市场' }, { ttlHours: 1 });
    expect(market.code.chatKind).toBe('market');
    expect(market.code.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);
    const staff = await makeBindCode(linli.deps.db, { community: '幸福社区', kind: 'staff' }, { ttlHours: 72 });
    expect(staff).toMatchObject({ place: ['幸福社区'], code: { chatKind: 'staff' } });
    await expect(makeBindCode(linli.deps.db, { site: '保利紫山', kind: 'market' }, { ttlHours: 72 })).rejects.toThrow(BindTargetError);
    await expect(makeBindCode(linli.deps.db, { site: '不存在' }, { ttlHours: 72 })).rejects.toThrow('no site 不存在');
    // Two communities: a community-wide code must say which.
    await expect(makeBindCode(linli.deps.db, { kind: 'staff' }, { ttlHours: 72 })).rejects.toThrow('--community');

    // A code from the command line works in a group like one from a private chat.
    expect(await send('李主任', '命令行群', `/bind ${staff.code.code}`)).toEqual(['本群已绑定：幸福社区（工作群）。']);
  });

  it('lists the groups with the place each serves and since when', async () => {
    const chats = await listChatBindings(linli.deps.db);
    expect(chats.every((entry) => entry.kind !== 'private')).toBe(true);
    expect(chats.find((entry) => entry.title === '命令行群')).toMatchObject({ kind: 'staff', place: ['幸福社区'] });
    const table = formatChatTable(chats, 'Asia/Shanghai');
    expect(table[0]).toMatch(/^platform\s+chat\s+kind\s+place\s+bound at$/);
    expect(table.find((line) => line.includes('命令行群'))).toMatch(/sandbox\s+命令行群\s+staff\s+幸福社区\s+\d{4}-\d\d-\d\d \d\d:\d\d/);
    expect((await listChatBindings(linli.deps.db, { withPrivate: true })).some((entry) => entry.kind === 'private')).toBe(true);
  });
});
