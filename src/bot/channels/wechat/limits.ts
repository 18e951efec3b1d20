import type { WechatConfig } from '../../../config.ts';

/** How fast one WeChat account may send, and how many a day: WeChat blocks accounts that send like machines. */
export type WechatSendSettings = Pick<WechatConfig, 'sendGapMs' | 'sendJitterMs' | 'dailyCap'>;

export const defaultWechatSendSettings: WechatSendSettings = { sendGapMs: 2000, sendJitterMs: 2000, dailyCap: 500 };

/** WeChat lets a message be recalled for this long after it was sent. */
export const wechatRecallWindowMs = 2 * 60_000;
