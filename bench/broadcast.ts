/**
 * Broadcast: one message to many groups through the outbox, on a simulated Telegram that keeps
 * Telegram's limits (30 messages a second per bot, 20 a minute per group) and refuses, with a
 * retry-after, whatever comes faster. The outbox paces itself to those limits; the figure is the
 * rate it achieves against that ceiling, and that no group gets the message twice.
 */
import { writeOutbox } from '../src/bot/outbox.ts';
import { queueSends } from '../src/bot/pipeline.ts';
import { DeliveryError, type OutboundChannel } from '../src/bot/channels/channel.ts';
import { telegramPacing } from '../src/bot/channels/telegram/limits.ts';
import { findOrCreateChat } from '../src/store/chats.ts';
import { startBenchLinli } from './support.ts';
import { round, type Benchmark } from './table.ts';

/** Telegram answers a send in about this time. */
const apiLatencyMs = 40;

function simulatedTelegram() {
  const sends: { outboxId: number; at: number }[] = [];
  const toChat = new Map<string, number[]>();
  let refused = 0;
  /** Telegram counts sends in a sliding window: at most `most` of `times` within the last `windowMs`. */
  const full = (times: readonly number[], now: number, windowMs: number, most: number) => times.filter((at) => now - at < windowMs).length >= most;
  const channel: OutboundChannel = {
    platform: 'telegram',
    pacing: telegramPacing,
    transactional: false,
    async send(message) {
      await new Promise((resolve) => setTimeout(resolve, apiLatencyMs));
      const now = performance.now();
      const chatSends = toChat.get(message.platformChatId) ?? [];
      if (full(sends.slice(-30).map((send) => send.at), now, 1000, 30) || full(chatSends, now, 60_000, 20)) {
        refused += 1;
        throw new DeliveryError('429: Too Many Requests', 'no', 1000);
      }
      toChat.set(message.platformChatId, [...chatSends, now]);
      sends.push({ outboxId: message.outboxId, at: now });
      return { platformMessageId: String(sends.length) };
    },
  };
  return { channel, sends, refused: () => refused };
}

export const benchmark: Benchmark = {
  async run({ quick, progress }) {
    const chats = quick ? 100 : 1000;
    const linli = await startBenchLinli({ workers: { sweepEveryMs: 0, outboxConcurrency: 8 } });
    try {
      const { deps } = linli;
      const telegram = simulatedTelegram();
      deps.channels.register(telegram.channel);
      const chatIds = await deps.db.transaction(async (tx) => {
        const ids: number[] = [];
        for (let i = 0; i < chats; i += 1) {
          ids.push((await findOrCreateChat(tx, { platform: 'telegram', platformChatId: `-100${1_000_000 + i}`, kind: 'building', title: `楼栋群${i}` })).id);
        }
        return ids;
      });
      progress(`one notice to ${chats} groups`);
      const text = '【社区通知】明天上午8点至11点在小区南门进行核酸检测，请各位居民带好身份证，有序排队。收到请回复"收到"。';
      const started = performance.now();
      const queued = await deps.db.transaction((tx) =>
        writeOutbox(tx, deps.cipher, deps.channels, chatIds.map((chatId) => ({ chatId, text })), deps.clock(), null),
      );
      const written = performance.now();
      await queueSends(deps, queued);
      for (;;) {
        const open = await deps.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::bigint[]) AND status IN ('pending', 'sending')",
          [queued.map((send) => send.outboxId)],
        );
        if ((open[0]?.n ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const sent = telegram.sends.length;
      const perOutbox = new Map<number, number>();
      for (const send of telegram.sends) perOutbox.set(send.outboxId, (perOutbox.get(send.outboxId) ?? 0) + 1);
      const duplicates = [...perOutbox.values()].filter((count) => count > 1).length;
      const first = telegram.sends[0]?.at ?? started;
      const last = telegram.sends.at(-1)?.at ?? started;
      const rate = (sent - 1) / ((last - first) / 1000);
      const ceiling = 1000 / telegramPacing.platformGapMs;
      return [
        {
          figure: `Broadcast: one notice to ${round(chats)} groups on a simulated Telegram (${round(sent)} delivered, ${telegram.refused()} refused as too fast; written to the outbox in ${round((written - started) / 1000, 1)} s), messages/s`,
          value: `${round(rate, 1)} of a ceiling of ${round(ceiling, 1)}: ${round(rate / ceiling, 2)}`,
          goal: '≥ 0.9 of the ceiling',
          met: rate / ceiling >= 0.9 && sent === chats,
        },
        { figure: 'Broadcast: groups that got the notice twice', value: String(duplicates), goal: '0', met: duplicates === 0 },
      ];
    } finally {
      await linli.close();
    }
  },
};
