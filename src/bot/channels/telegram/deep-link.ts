/** A deep-link start parameter: what Telegram allows after ?start=. */
const startToken = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The link that opens a private chat with the bot and sends "/start <token>" in it: how a group
 * hands a resident over to a private chat.
 */
export function telegramDeepLink(botUsername: string, token: string): string {
  if (!startToken.test(token)) throw new Error('a Telegram start token is 1 to 64 letters, digits, _ or -');
  return `https://t.me/${botUsername.replace(/^@/, '')}?start=${token}`;
}
