import { normalizeHandoffCode } from '../../../store/handoff-codes.ts';

/**
 * The greeting of the friend request that opens a private chat on WeChat, where a bot may not
 * write first. Kept apart from Wechaty, so that a handler writing the invitation can use it.
 */
export const registerWord = '登记';

/** What the resident writes as the greeting of the friend request. */
export function wechatFriendHello(code: string): string {
  return `${registerWord} ${code}`;
}

/** The codes a greeting may carry, as stored ("登记 k7qx4m", "我是502王芳 K7QX4M"). */
export function handoffCodesIn(hello: string): string[] {
  const words = hello.match(/(?<![A-Za-z0-9])[A-Za-z0-9]{6}(?![A-Za-z0-9])/g) ?? [];
  const codes = words.map(normalizeHandoffCode).filter((code): code is string => code !== undefined);
  return [...new Set(codes)];
}
