import { afterAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../support/cli.ts';

/** `linli sim` as a person or a script runs it: a real process, standard input in, replies out. */
const cli = cliRunner('sim');

const sim = (args: string[], input: string) => cli.run(['sim', ...args], { input });

afterAll(async () => {
  await cli.drop();
});

describe('linli sim', () => {
  it('answers 你好 in a private chat with a short help in Chinese', async () => {
    const result = await sim(['--as', 'u1', '--chat', 'dm'], '你好\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('您好，我是邻里小助手');
    expect(result.stdout.split('\n').length).toBeLessThan(10);
  });

  it('continues the same conversation in a second run, and prints JSON', async () => {
    const first = await sim(['--as', 'u2', '--chat', 'dm', '--json'], '/lang en\n');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout.trim())).toEqual({
      chat: 'dm',
      to: 'u2',
      text: 'OK, I will speak English with you from now on.',
    });
    const second = await sim(['--as', 'u2', '--chat', 'dm', '--json'], 'help\n');
    const lines = second.stdout.trim().split('\n').map((line) => JSON.parse(line) as { text: string });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.text).toMatch(/^Hello, I am Linli/);
  });

  it('says nothing to chit-chat in a group and answers a command there', async () => {
    const result = await sim(['--as', 'u3', '--chat', '3栋业主群', '--json'], '今天停水吗\n/help\n');
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { chat: string; text: string });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.chat).toBe('3栋业主群');
  });

  it('refuses a malformed --today with a message that says what to write', async () => {
    const result = await sim(['--as', 'u1', '--chat', 'dm', '--today', '3月1日'], '你好\n');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('2026-03-05');
  });
}, 120_000);
