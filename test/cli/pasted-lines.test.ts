import { describe, expect, it } from 'vitest';
import { pastedMessages } from '../../src/cli/pasted-lines.ts';

/** Lines as a terminal gives them: each after a pause of its own (ms) since the line before. */
async function* typed(lines: ReadonlyArray<readonly [number, string]>): AsyncGenerator<string> {
  for (const [pause, line] of lines) {
    if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    yield line;
  }
}

async function messagesOf(lines: ReadonlyArray<readonly [number, string]>): Promise<string[]> {
  const messages: string[] = [];
  for await (const message of pastedMessages(typed(lines), 40)) messages.push(message);
  return messages;
}

describe('lines typed into the sandbox terminal', () => {
  it('make one message of a pasted list, and one of each line typed by hand', async () => {
    const messages = await messagesOf([
      [0, '你好'],
      [300, '3栋租户名单'],
      [0, '陈建华 440603198503152015 13812345678 3-2-502'],
      [2, '李秀英 44060319920720302X 13925836147 3-2-503'],
      [300, '确认'],
    ]);
    expect(messages).toEqual([
      '你好',
      '3栋租户名单\n陈建华 440603198503152015 13812345678 3-2-502\n李秀英 44060319920720302X 13925836147 3-2-503',
      '确认',
    ]);
  });

  it('end with the last message when the input ends in the middle of a paste', async () => {
    expect(await messagesOf([[0, 'a'], [0, 'b']])).toEqual(['a\nb']);
    expect(await messagesOf([])).toEqual([]);
  });
});
