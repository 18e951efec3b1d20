import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rosterCommand } from '../../../src/cli/roster.ts';
import { runNode } from '../../support/child.ts';
import { loadCorpus } from './corpus.ts';

const MESSAGE = [
  '3栋租户名单',
  '1. 陈建华 440106199601257124 13812345678 3-2-502 上个月15号入住',
  '2. 李秀英 440104199509178965 1392583614 3-2-503',
  '3. 王伟 44011120020913920x 15013572468',
  '上面李秀英的电话好像是139 2583 6147，我再问问',
].join('\n');

const EXPECTED_JSON = {
  isRoster: true,
  entries: [
    {
      name: '陈建华',
      idNumber: '440106199601257124',
      phone: '13812345678',
      room: { raw: '3-2-502', building: '3', unit: '2', room: '502' },
      moveIn: '2026-02-15',
      action: 'add',
      valid: true,
      problems: [],
    },
    {
      name: '李秀英',
      idNumber: '440104199509178965',
      phone: '1392583614',
      room: { raw: '3-2-503', building: '3', unit: '2', room: '503' },
      moveIn: null,
      action: 'add',
      valid: false,
      problems: ['phone.length'],
    },
    {
      name: '王伟',
      idNumber: '44011120020913920X',
      phone: '15013572468',
      room: null,
      moveIn: null,
      action: 'add',
      valid: false,
      problems: ['room.missing'],
    },
  ],
};

// No model, and the default time zone, whatever the machine running the tests has configured.
const { TZ: _machineZone, ...machineEnv } = process.env;
const ENV: NodeJS.ProcessEnv = { ...machineEnv, OPENAI_API_KEY: '', OPENAI_MODEL: '', OPENAI_BASE_URL: '' };

async function runInProcess(args: string[], input: string, now = new Date()): Promise<string> {
  let stdout = '';
  const command = rosterCommand({ stdin: Readable.from([Buffer.from(input, 'utf8')]), stdout: { write: (text: string) => (stdout += text) }, env: ENV, now: () => now });
  await command.parseAsync(args, { from: 'user' });
  return stdout;
}

const runner = path.join(path.dirname(fileURLToPath(import.meta.url)), 'run-roster-cli.ts');

const runAsChild = (args: string[], input: string) => runNode(['--import', 'tsx', runner, ...args], { env: ENV, input });

describe('linli roster parse', () => {
  it('prints the parse as JSON, values normalised, as a child process reading standard input', async () => {
    const { code, stdout, stderr } = await runAsChild(['parse', '--json', '--no-llm', '--today', '2026-03-05'], MESSAGE);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(EXPECTED_JSON);
  });

  it('prints a numbered list with ID numbers and phones masked, and the lines it could not read', async () => {
    const stdout = await runInProcess(['parse', '--no-llm', '--today', '2026-03-05'], MESSAGE);
    expect(stdout).toBe(
      [
        '收到名单，共 3 人，其中 2 行需要核对：',
        '1. 陈建华 4401**********7124 138****5678 3-2-502 2026-02-15入住 ✅',
        '2. 李秀英 4401**********8965 139***3614 3-2-503 ❌ 手机号少一位',
        '3. 王伟 4401**********920X 150****2468 ❌ 没有房号',
        '以下几行没能看懂，请改一下格式再发：',
        '第 5 行：上面李秀英的电话好像是139****6147，我再问问',
        '',
      ].join('\n'),
    );
    expect(stdout).not.toMatch(/\d{7}/);
  });

  it('reads relative dates against today in the community’s time zone by default', async () => {
    // 20:00 UTC on 4 March is already 5 March in Asia/Shanghai.
    const stdout = await runInProcess(['parse', '--json', '--no-llm'], '陈建华 13812345678 3-2-502 昨天入住', new Date('2026-03-04T20:00:00Z'));
    expect(JSON.parse(stdout)).toMatchObject({ entries: [{ moveIn: '2026-03-04' }] });
  });

  it('says so when the message is no roster', async () => {
    expect(await runInProcess(['parse', '--no-llm'], '3栋502的租客怎么登记？')).toBe('这条消息不像是一份名单。\n');
    expect(JSON.parse(await runInProcess(['parse', '--json'], '收到，谢谢'))).toEqual({ isRoster: false, entries: [] });
  });

  it('refuses a day that is not written YYYY-MM-DD', async () => {
    const { code, stderr } = await runAsChild(['parse', '--today', '5/3/2026'], MESSAGE);
    expect(code).not.toBe(0);
    expect(stderr).toContain('expected a date like 2026-03-05');
  });

  // Every case of the corpus, the held-out part too, as `npx linli roster parse --no-llm --json` prints it.
  const cases = [...loadCorpus('tuning'), ...loadCorpus('held-out')].filter((c) => c.requireRoom);
  it.each(cases.map((c) => [`${c.file}: ${c.name}`, c] as const))('reads the corpus case %s', async (_, c) => {
    const stdout = await runInProcess(['parse', '--json', '--no-llm', '--today', c.today], `${c.text}\n`);
    expect(JSON.parse(stdout)).toEqual({ isRoster: c.isRoster, entries: c.entries.map((row) => row.entry) });
  });
});
