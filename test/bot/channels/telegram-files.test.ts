import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTooLargeError } from '../../../src/bot/channels/files.ts';
import { telegramFileReader, type TelegramFileApi } from '../../../src/bot/channels/telegram/files.ts';

const token = '7000003:files-token';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-telegram-files-'));

/** getFile as a Bot API server answers it: the path to fetch the file from, and the size it knows. */
const apiTelling = (filePath: string, fileSize?: number): TelegramFileApi => ({
  getFile: async (fileId: string) => ({ file_id: fileId, file_unique_id: `u-${fileId}`, file_path: filePath, ...(fileSize === undefined ? {} : { file_size: fileSize }) }),
});

describe('a file sent on Telegram, read through a self-hosted Bot API server in local mode', () => {
  it('is read from the path on the server’s disk that getFile gives', async () => {
    const file = path.join(dir, '名单.csv');
    fs.writeFileSync(file, '姓名,手机\n张三,13812345678\n');
    const read = telegramFileReader(apiTelling(file, fs.statSync(file).size), { token, apiRoot: 'http://127.0.0.1:8081' });
    const data = await read({ name: '名单.csv', ref: 'BQACAgUAAxkBAAIBx9' }, 1024);
    expect(Buffer.from(data).toString('utf8')).toBe('姓名,手机\n张三,13812345678\n');
  });

  it('is refused past the limit, whether the server told its size or not', async () => {
    const file = path.join(dir, 'big.csv');
    fs.writeFileSync(file, 'x'.repeat(4096));
    const limit = 1024;
    await expect(telegramFileReader(apiTelling(file, 4096), { token, apiRoot: 'http://127.0.0.1:8081' })({ name: 'big.csv', ref: 'a' }, limit)).rejects.toBeInstanceOf(
      FileTooLargeError,
    );
    await expect(telegramFileReader(apiTelling(file), { token, apiRoot: 'http://127.0.0.1:8081' })({ name: 'big.csv', ref: 'b' }, limit)).rejects.toBeInstanceOf(
      FileTooLargeError,
    );
  });

  it('names no token when the download from the server fails', async () => {
    // Nothing listens on port 9 of the loopback: the download is refused at once.
    const read = telegramFileReader(apiTelling('documents/file_1.csv', 10), { token, apiRoot: 'http://127.0.0.1:9' });
    const failure = await read({ name: '名单.csv', ref: 'c' }, 1024).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).toContain('downloading a Telegram file failed');
    expect(String(failure)).not.toContain(token);
  });
});
