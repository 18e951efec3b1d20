import { expect } from 'vitest';
import { ingest } from '../../src/bot/ingest.ts';
import { readTranscript, sandboxInbound, type TranscriptLine } from '../../src/bot/channels/sandbox.ts';
import { waitUntilSettled } from '../../src/bot/settle.ts';
import type { Linli } from '../../src/app.ts';

/** A person typing in the sandbox: each line is sent, and the bot's replies to it come back. */
export async function say(linli: Linli, user: string, chat: string, text: string, today = '2026-03-05'): Promise<TranscriptLine[]> {
  const result = await ingest(linli.deps, sandboxInbound(user, chat, text, today));
  if (result.kind !== 'accepted') throw new Error(`message not accepted: ${result.kind}`);
  expect(await waitUntilSettled(linli.deps.db, [result.inboundId], { timeoutMs: 20_000 })).toBe(true);
  return readTranscript(linli.deps.db, linli.deps.cipher, { inboundIds: [result.inboundId] });
}

/** The texts of replies, joined: what a person reads on their phone. */
export const texts = (lines: readonly TranscriptLine[]) => lines.map((line) => line.text).join('\n');

/** A conversation as a table: what is said, and a piece of what the bot must answer. */
export async function converse(
  linli: Linli,
  user: string,
  chat: string,
  turns: ReadonlyArray<readonly [string, string | RegExp]>,
): Promise<TranscriptLine[][]> {
  const all: TranscriptLine[][] = [];
  for (const [text, expected] of turns) {
    const replies = await say(linli, user, chat, text);
    all.push(replies);
    if (typeof expected === 'string') expect(texts(replies), `after "${text}"`).toContain(expected);
    else expect(texts(replies), `after "${text}"`).toMatch(expected);
  }
  return all;
}
