import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../support/cli.ts';

/** `linli notice` as staff type it: send (now or later), list, status, cancel. */
const cli = cliRunner('notice');
const file = path.join(cli.dataDir, 'notice.md');
const pdf = path.join(cli.dataDir, '告知书.pdf');

beforeAll(async () => {
  fs.writeFileSync(file, '本周六上午9点，社区广场义诊。\n请带好医保卡。\n');
  fs.writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
  const demo = await cli.run(['demo']);
  expect(demo.code).toBe(0);
}, 180_000);
afterAll(async () => {
  await cli.drop();
});

describe('linli notice', () => {
  it('sends to the chats of a scope and says which', async () => {
    const sent = await cli.run(['notice', 'send', '--scope', 'site:保利紫山,kind:staff', '--file', file, '--attach', pdf, '--ack-hours', '6', '--json']);
    expect(sent.stderr).toBe('');
    expect(JSON.parse(sent.stdout)).toMatchObject({ notice: 1, chats: ['保利紫山3栋业主群（保利紫山/3栋）', '保利紫山5栋业主群（保利紫山/5栋）', '社区工作群'] });
    const status = await cli.run(['notice', 'status', '1', '--json']);
    expect(Object.keys(JSON.parse(status.stdout))).toEqual(['notice', 'delivered', 'pending', 'failed', 'households', 'acknowledgedHouseholds', 'ackRate', 'chats']);
  }, 400_000);

  it('schedules one for later, lists it, and cancels it before it goes', async () => {
    const later = await cli.run(['notice', 'send', '--scope', 'all', '--file', file, '--at', '2099-03-05T09:00:00+08:00']);
    expect(later.stdout).toMatch(/^notice 2: 5 chats, sending 2099-03-05 09:00;/);
    expect((await cli.run(['notice', 'cancel', '2'])).stdout).toBe('notice 2 cancelled\n');
    const again = await cli.run(['notice', 'cancel', '2']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('notice 2 is not scheduled any more');
    const list = await cli.run(['notice', 'list', '--json']);
    const lines = list.stdout.trim().split('\n').map((line) => JSON.parse(line) as { notice: number; status: string });
    expect(lines.map((line) => [line.notice, line.status])).toEqual([[2, 'cancelled'], [1, 'scheduled']]);
  }, 400_000);

  it('refuses a scope it cannot read, clearly', async () => {
    const scope = await cli.run(['notice', 'send', '--scope', 'building:保利紫山', '--file', file]);
    expect(scope.code).toBe(1);
    expect(scope.stderr).toContain('building:保利紫山 is written building:SITE/BUILDING');
  }, 400_000);
});
