import { z } from 'zod';

/**
 * The part of a Telegram message that Linli reads, checked at the door. Telegram sends much more;
 * what is not listed here is dropped, and a message that does not fit is not Linli's to handle.
 */
const userSchema = z.object({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});

const entitySchema = z.object({
  type: z.string(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  user: userSchema.optional(),
});

const documentSchema = z.object({
  file_id: z.string().min(1),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
  file_size: z.number().int().nonnegative().optional(),
});

export const telegramMessageSchema = z.object({
  message_id: z.number().int(),
  date: z.number().int().nonnegative(),
  chat: z.object({
    id: z.number().int(),
    type: z.enum(['private', 'group', 'supergroup', 'channel']),
    title: z.string().optional(),
  }),
  from: userSchema.optional(),
  /** Set when someone posts in the name of a chat (an anonymous admin, a linked channel). */
  sender_chat: z.object({ id: z.number().int() }).optional(),
  text: z.string().optional(),
  entities: z.array(entitySchema).optional(),
  caption: z.string().optional(),
  caption_entities: z.array(entitySchema).optional(),
  document: documentSchema.optional(),
  reply_to_message: z.object({ message_id: z.number().int().optional(), from: userSchema.optional() }).optional(),
});

export type TelegramMessage = z.infer<typeof telegramMessageSchema>;
export type TelegramEntity = z.infer<typeof entitySchema>;
export type TelegramDocument = z.infer<typeof documentSchema>;
export type TelegramUser = z.infer<typeof userSchema>;
