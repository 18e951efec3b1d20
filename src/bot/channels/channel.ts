import type { Queryable } from '../../store/db.ts';
import type { InboundFile, Outbound } from '../message.ts';

/** How fast a platform lets a bot speak; the outbox reserves slots accordingly. */
export interface Pacing {
  /** Least time between two messages into one chat. */
  perChatGapMs: number;
  /** Least time between two messages into one group, where a platform limits groups more (Telegram: 20 a minute). */
  perGroupGapMs?: number;
  /** Least time between two messages on the whole platform (one bot account). */
  platformGapMs: number;
  /** Random extra delay up to this, so that a paced sender does not look like a machine. */
  jitterMs: number;
}

export const noPacing: Pacing = { perChatGapMs: 0, platformGapMs: 0, jitterMs: 0 };

export interface SendResult {
  platformMessageId?: string;
  /** For a message to pin: whether the platform pinned it (the bot may lack the right). */
  pinned?: boolean;
  /** For a recall: true when the message was taken back, false when the correction was said instead. */
  recalled?: boolean;
}

/** A send that failed; `delivered: 'no'` means it may be tried again without sending twice. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly delivered: 'no' | 'maybe',
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/**
 * A chat platform, seen from the outbox. Adapters translate only: they decide nothing.
 * A transactional channel delivers inside the outbox transaction (the sandbox writes a row),
 * so a crash can never leave a message sent but unmarked.
 */
export interface OutboundChannel {
  readonly platform: string;
  readonly pacing: Pacing;
  readonly transactional: boolean;
  /**
   * The id of the private chat with a user, where the platform lets the bot write first
   * (the sandbox). Absent where the user must open the chat (Telegram, WeChat).
   */
  privateChatId?(platformUserId: string): string;
  /** A link that opens the private chat with the bot and hands it a one-time code (Telegram). */
  privateInviteLink?(code: string): string;
  send(message: Outbound, tx: Queryable): Promise<SendResult>;
  /**
   * The contents of a file that came in with a message (Inbound.files), fetched from the platform;
   * never more than `limitBytes` (FileTooLargeError). Absent where the platform keeps no files.
   */
  readFile?(file: InboundFile, limitBytes: number): Promise<Uint8Array>;
}

export class ChannelRegistry {
  private readonly channels = new Map<string, OutboundChannel>();

  register(channel: OutboundChannel): void {
    this.channels.set(channel.platform, channel);
  }

  get(platform: string): OutboundChannel | undefined {
    return this.channels.get(platform);
  }

  platforms(): string[] {
    return [...this.channels.keys()];
  }
}
