/** The message ids of a stored Telegram send ('chat:1,2'): one per part. */
export function telegramMessageIds(platformMessageId: string): { chatId: string; messageIds: number[] } | undefined {
  const match = /^(-?\d+):(\d+(?:,\d+)*)$/.exec(platformMessageId);
  if (!match?.[1] || !match[2]) return undefined;
  return { chatId: match[1], messageIds: match[2].split(',').map(Number) };
}
