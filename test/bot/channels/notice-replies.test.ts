import { describe, expect, it } from 'vitest';
import { splitWechatQuote } from '../../../src/bot/channels/wechat/quote.ts';
import { telegramInbound } from '../../../src/bot/channels/telegram.ts';

/** What a reply or a quote looks like when it reaches Linli: the message it answers, and the answer. */
describe('replies and quotes', () => {
  it('reads a WeChat quote: the quoted text and the answer below the dashes', () => {
    expect(splitWechatQuote('「邻里小助手：【社区通知 #3】\n明天停水」\n- - - - - - - - - - - - - - -\n收到')).toEqual({
      quoted: '【社区通知 #3】\n明天停水',
      reply: '收到',
    });
    expect(splitWechatQuote('「明天停水...」\n- - - - - - - - - - - - - - -\n几点开始？')).toEqual({ quoted: '明天停水...', reply: '几点开始？' });
    expect(splitWechatQuote('收到')).toBeUndefined();
    expect(splitWechatQuote('「好」的')).toBeUndefined();
  });

  it('names the Telegram message a reply answers, as the outbox stores sent ids', () => {
    const inbound = telegramInbound(
      {
        message: {
          message_id: 51,
          date: 1_767_225_600,
          chat: { id: -1003, type: 'supergroup', title: '3栋' },
          from: { id: 42, is_bot: false, first_name: '赵' },
          text: '收到',
          reply_to_message: { message_id: 777, from: { id: 7000001, is_bot: true, first_name: '邻里', username: 'linli_test_bot' } },
        },
      },
      'linli_test_bot',
    );
    expect(inbound).toMatchObject({ text: '收到', replyTo: '-1003:777', mentionsBot: true });
  });
});
