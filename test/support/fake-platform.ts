import { noPacing, type OutboundChannel } from '../../src/bot/channels/channel.ts';
import { ingest } from '../../src/bot/ingest.ts';
import type { Outbound } from '../../src/bot/message.ts';
import { waitUntilSettled } from '../../src/bot/settle.ts';
import type { Linli } from '../../src/app.ts';
import { workOutbox } from '../../src/jobs/outbox-worker.ts';

/**
 * A platform where the bot cannot write first (as on Telegram), whose sends are kept in a list:
 * for handlers' tests that need such a platform without its adapter.
 */
export function fakePlatform(linli: Linli, platform: string, extra: Pick<OutboundChannel, 'privateInviteLink'> = {}) {
  const sent: Outbound[] = [];
  linli.deps.channels.register({
    platform,
    pacing: noPacing,
    transactional: true,
    ...extra,
    async send(message) {
      sent.push(message);
      return {};
    },
  });
  // WeChat sends have a queue of their own, worked where the login is: here, by this stand-in.
  if (platform === 'wechat') workOutbox(linli.deps, 'wechat-outbox', 1);
  let sequence = 0;
  return {
    sent,
    /** Sends a message from `user` in a chat and returns the texts the bot sent because of it. */
    async tell(user: string, chatId: string, chatKind: 'private' | 'group', text: string): Promise<string[]> {
      const before = sent.length;
      const result = await ingest(linli.deps, {
        platform, chatId, chatKind, chatTitle: chatKind === 'group' ? chatId : null,
        senderId: user, senderName: user, text, messageId: `${chatId}:${(sequence += 1)}`, at: new Date(),
      });
      if (result.kind !== 'accepted') throw new Error(`message not accepted: ${result.kind}`);
      if (!(await waitUntilSettled(linli.deps.db, [result.inboundId], { timeoutMs: 20_000 }))) throw new Error('no reply in time');
      return sent.slice(before).map((message) => message.text);
    },
  };
}
