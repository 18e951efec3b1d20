import type { FieldCipher } from '../privacy/index.ts';
import type { Queryable } from '../store/db.ts';
import type { AccountRef } from '../store/accounts.ts';
import type { ChatRecord } from '../store/chats.ts';
import type { RosterModel } from '../dialogs/roster/model.ts';
import type { Logger } from '../log.ts';
import type { InboundFile, Reply } from './message.ts';

/** One stored inbound message as handlers see it: text decrypted, sender and chat resolved. */
export interface HandledMessage {
  id: number;
  platform: string;
  text: string;
  mentionsBot: boolean;
  sentAt: Date;
  chat: ChatRecord;
  account: AccountRef & { platformUserId: string };
  /** Files that came with the message, by the platform's reference; their contents are fetched by a job. */
  files: InboundFile[];
  /** The platform id of the message this one replies to or reacts to, if any. */
  replyTo: string | null;
  /** The text it quotes, where the platform quotes instead (WeChat). */
  quoted: string | null;
}

/**
 * What a handler gets: the message, the transaction to write through, and the day's date.
 * Everything it says goes through `reply`/`say`, which end in the outbox of the same transaction.
 */
export interface HandlerContext {
  readonly message: HandledMessage;
  readonly tx: Queryable;
  readonly cipher: FieldCipher;
  readonly now: Date;
  /** 'YYYY-MM-DD' in the community's time zone: what 今天 and 昨天 mean. */
  readonly today: string;
  readonly timeZone: string;
  lang: string;
  /** The settings handlers need: how long a quiet form waits before a reminder and before it expires. */
  readonly settings: HandlerSettings;
  /** The configured language model; null when none is configured. The rules never need it. */
  readonly model: RosterModel | null;
  /** For what went wrong but is not the person's to hear; never with their words or numbers. */
  readonly log: Logger;
  /** The private chat id a platform lets the bot open with a user, if it lets it at all. */
  privateChatId(platform: string, platformUserId: string): string | undefined;
  /** A link that opens the private chat and carries a one-time code, where the platform has one. */
  privateInviteLink(platform: string, code: string): string | undefined;
  reply(text: string): void;
  say(reply: Reply): void;
  later(job: LaterJob): void;
}

export interface HandlerSettings {
  dialogReminderMs: number;
  dialogExpiryMs: number;
  /** When the daily check-in is asked ('HH:MM'): what a person under observation is told to expect. */
  checkinAskAt: string;
}

/** A job to queue once the handler's transaction has committed (a reminder, an expiry). */
export interface LaterJob {
  /** Timers by default; follow-ups (slow work: files, the model) have a queue of their own. */
  queue?: 'timers' | 'followups';
  name: string;
  data: Record<string, number | string>;
  jobId: string;
  delayMs: number;
}

export type Handler = (context: HandlerContext) => Promise<void>;

export const routes = ['command', 'dialog', 'roster', 'ack', 'ignore'] as const;
export type Route = (typeof routes)[number];
