import type { Pacing } from '../channel.ts';

/**
 * Telegram's limits for a bot: about one message a second into one chat and about thirty a
 * second overall. Groups allow only twenty a minute, but the outbox paces by platform, not by
 * kind of chat, so one gap serves all chats; a group that gets more is answered with 429 and
 * the message waits for the retry_after that Telegram names.
 */
/** Telegram's limits: 1 message a second in a chat, 20 a minute in a group, 30 a second overall. */
export const telegramPacing: Pacing = { perChatGapMs: 1000, perGroupGapMs: 3000, platformGapMs: 34, jitterMs: 0 };

/** Telegram refuses longer texts (counted in UTF-16 units, as JavaScript counts). */
export const telegramTextLimit = 4096;

/** Telegram cuts captions of photos and documents after this many characters. */
export const telegramCaptionLimit = 1024;
