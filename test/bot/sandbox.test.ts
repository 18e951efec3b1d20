import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxFilePath, sandboxInbound } from '../../src/bot/channels/sandbox.ts';
import { sandboxOutboundChannel } from '../../src/bot/channels/sandbox-outbound.ts';
import { FileTooLargeError } from '../../src/bot/channels/files.ts';
import { createFieldCipher } from '../../src/privacy/index.ts';
import { testSecret } from '../support/database.ts';

describe('sandbox messages', () => {
  it('names a private chat after its user and a group after its name', () => {
    expect(sandboxInbound('王芳', 'dm', '你好')).toMatchObject({ chatId: 'dm:王芳', chatKind: 'private', senderId: '王芳' });
    expect(sandboxInbound('王芳', '3栋业主群', '你好')).toMatchObject({ chatId: '3栋业主群', chatKind: 'group', chatTitle: '3栋业主群' });
  });

  it('turns a mention of the bot into a flag and takes it out of the text', () => {
    expect(sandboxInbound('王芳', '3栋业主群', '@邻里 帮助')).toMatchObject({ text: '帮助', mentionsBot: true });
    expect(sandboxInbound('王芳', '3栋业主群', '帮助 @Linli')).toMatchObject({ text: '帮助', mentionsBot: true });
    expect(sandboxInbound('王芳', '3栋业主群', '@邻里')).toMatchObject({ text: '@邻里', mentionsBot: true });
    expect(sandboxInbound('王芳', '3栋业主群', '问一下  邻里的事')).toMatchObject({ text: '问一下  邻里的事', mentionsBot: false });
    expect(sandboxInbound('王芳', '3栋业主群', '@邻里居委 在吗')).toMatchObject({ mentionsBot: false });
  });

  it('gives every message an id of its own and carries the day to read dates against', () => {
    const a = sandboxInbound('u', 'dm', 'x', '2026-03-05');
    const b = sandboxInbound('u', 'dm', 'x');
    expect(a.messageId).not.toBe(b.messageId);
    expect(a.today).toBe('2026-03-05');
    expect(b.today).toBeUndefined();
  });

  it('sends a file from this machine with /file or 发送文件, and reads no more of it than allowed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-sandbox-file-'));
    const file = path.join(dir, '租户 名单.csv');
    const contents = '姓名,手机号\n陈建华,13812345678\n';
    fs.writeFileSync(file, contents);
    const size = Buffer.byteLength(contents);
    try {
      const inbound = sandboxInbound('房东老周', 'dm', `/file ${file}`);
      expect(inbound).toMatchObject({ text: '', files: [{ name: '租户 名单.csv', size, ref: file }] });
      expect(sandboxFilePath(`发送文件 "${file}"`)).toBe(file);
      expect(sandboxFilePath('/files are here')).toBeUndefined();
      expect(sandboxInbound('房东老周', 'dm', '发送文件 nowhere.xlsx').files).toEqual([{ name: 'nowhere.xlsx', ref: path.resolve('nowhere.xlsx') }]);

      const channel = sandboxOutboundChannel(createFieldCipher(testSecret));
      const [sent] = inbound.files ?? [];
      if (!sent || !channel.readFile) throw new Error('expected a file and a reader');
      expect(new TextDecoder().decode(await channel.readFile(sent, 1024))).toContain('陈建华');
      await expect(channel.readFile(sent, size - 1)).rejects.toBeInstanceOf(FileTooLargeError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
