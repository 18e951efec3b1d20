import { describe, expect, it } from 'vitest';
import { checkToldSize, FileTooLargeError, readAtMost } from '../../../src/bot/channels/files.ts';

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  for (const part of parts) yield part;
}

describe('reading a file from a platform', () => {
  it('joins the chunks of a download, and stops as soon as it grows past the limit', async () => {
    const ten = new Uint8Array(10).fill(7);
    expect(await readAtMost(chunks(ten, ten, '甲'), 23)).toEqual(new Uint8Array([...ten, ...ten, 0xe7, 0x94, 0xb2]));
    await expect(readAtMost(chunks(ten, ten, ten), 25)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await readAtMost(chunks(), 0)).toEqual(new Uint8Array());
  });

  it('refuses a size the platform told before anything is read, and trusts no size it did not tell', () => {
    expect(() => checkToldSize(5 * 1024 * 1024 + 1, 5 * 1024 * 1024)).toThrow(FileTooLargeError);
    expect(() => checkToldSize(5 * 1024 * 1024, 5 * 1024 * 1024)).not.toThrow();
    expect(() => checkToldSize(undefined, 1)).not.toThrow();
  });
});
