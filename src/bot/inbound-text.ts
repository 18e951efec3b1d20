import type { Inbound } from './message.ts';

/**
 * Control characters: Postgres refuses NUL in text, and none of them is anything a person means
 * to write. Tab and line breaks stay; so do zero-width and direction marks, which are letters'
 * business (the answer readers clean those).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function stripControlCharacters(text: string): string {
  return text.replace(controlCharacters, '');
}

/** The most of one message Linli keeps (UTF-16 units); more is cut off and the sender told. */
export const maxInboundTextChars = 20_000;

/** The first `limit` units of `text`, never cutting an emoji or a rare character in half. */
export function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

const cleanLabel = (value: string | null | undefined, limit: number): string | null | undefined =>
  typeof value === 'string' ? cutText(stripControlCharacters(value), limit) : value;

/**
 * A channel's message as Linli stores it: no control characters anywhere, the text cut to the
 * size kept (and marked so), names and titles to theirs.
 */
export function cleanInbound(raw: Inbound): { inbound: Inbound; truncated: boolean } {
  const text = stripControlCharacters(raw.text);
  return {
    truncated: text.length > maxInboundTextChars,
    inbound: {
      ...raw,
      text: cutText(text, maxInboundTextChars),
      // Ids too: a sandbox user's name is its id, and Postgres refuses a NUL anywhere.
      chatId: stripControlCharacters(raw.chatId),
      senderId: stripControlCharacters(raw.senderId),
      messageId: stripControlCharacters(raw.messageId),
      chatTitle: cleanLabel(raw.chatTitle, 256),
      senderName: cleanLabel(raw.senderName, 256),
      ...(Array.isArray(raw.files)
        ? { files: raw.files.map((file) => ({ ...file, name: cleanLabel(file.name, 255) ?? file.name })) }
        : {}),
    },
  };
}
