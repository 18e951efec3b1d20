import { z } from 'zod';

/** A file attached to a message: the platform's reference to fetch it, never its contents. */
export const inboundFileSchema = z.object({
  name: z.string().min(1).max(255),
  mimeType: z.string().max(255).optional(),
  size: z.number().int().nonnegative().optional(),
  ref: z.string().min(1).max(2000),
});

/** One message as every channel hands it to Linli. Channels translate; this is the boundary. */
export const inboundSchema = z.object({
  platform: z.string().min(1).max(32),
  chatId: z.string().min(1).max(256),
  chatKind: z.enum(['private', 'group']),
  chatTitle: z.string().max(256).nullish(),
  senderId: z.string().min(1).max(256),
  senderName: z.string().max(256).nullish(),
  text: z.string().max(20_000),
  mentionsBot: z.boolean().default(false),
  files: z.array(inboundFileSchema).max(20).default([]),
  messageId: z.string().min(1).max(256),
  at: z.coerce.date(),
  /** The platform id of the message this one replies to or reacts to (as the outbox stores sent ids). */
  replyTo: z.string().min(1).max(256).optional(),
  /** The text this one quotes, where the platform quotes instead of replying (WeChat). */
  quoted: z.string().max(2000).optional(),
  /** The day relative dates are read against; only `linli sim --today` sets it. */
  today: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

export type Inbound = z.input<typeof inboundSchema>;
export type ParsedInbound = z.output<typeof inboundSchema>;
export type InboundFile = z.output<typeof inboundFileSchema>;

/** A file the bot sends with a message: a digest as a workbook, a chart as a picture. */
export interface OutboundFile {
  name: string;
  mimeType: string;
  data: Uint8Array;
}

/** The largest file the outbox keeps; Telegram takes 50 MB from bots, WeChat's risk control far less. */
export const maxOutboundFileBytes = 10 * 1024 * 1024;

/** What a handler decides to say; the pipeline writes it to the outbox in the same transaction. */
export interface Reply {
  /** Linli's own chat id (chats.id). */
  chatId: number;
  /** The account addressed (mentioned in a group, or the private chat's person). */
  toAccountId?: number | null;
  text: string;
  /** Sent with the text: as its caption where the platform has captions, else right after it. */
  file?: OutboundFile;
  /** Pin the message in the chat, where the platform can (Telegram). */
  pin?: boolean;
  /** Take back this sent message (its platform id); the text is the correction said where that cannot be done. */
  recallOf?: string;
}

/** One outbox row as a channel sends it. */
export interface Outbound {
  outboxId: number;
  platform: string;
  platformChatId: string;
  chatKind: string;
  toPlatformUserId: string | null;
  text: string;
  file?: OutboundFile;
  pin?: boolean;
  recallOf?: string;
}
