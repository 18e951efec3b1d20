import { describe, expect, it } from 'vitest';
import { sandboxInbound } from '../../src/bot/channels/sandbox.ts';

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
});
