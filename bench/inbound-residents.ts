/**
 * The residents of the inbound benchmark: each registers through the sandbox channel, answering
 * as soon as the bot's reply to their last answer is out, all of them at once.
 */
import { ingest } from '../src/bot/ingest.ts';
import { sandboxInbound } from '../src/bot/channels/sandbox.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { Db } from '../src/store/db.ts';
import { benchToday, madeUpIdNumber, madeUpName } from './support.ts';

export const benchGroup = '保利紫山3栋业主群';

/** What one resident types: 登记 in the building's group, then the form in the private chat. */
export function registrationTurns(serial: number): { chat: string; text: string }[] {
  const unit = 1 + (serial % 2);
  const room = `3栋${unit}单元${1 + (serial % 6)}0${1 + (Math.floor(serial / 6) % 2)}`;
  const answers = ['同意', madeUpName(serial), madeUpIdNumber(serial), `139${String(serial).padStart(8, '0')}`, room, '1', '北京', '2020.1.1', '没有', '绿', '跳过', '跳过', '跳过', '确认'];
  return [{ chat: benchGroup, text: '登记' }, ...answers.map((text) => ({ chat: 'dm', text }))];
}

/**
 * Tells each waiting resident when the bot has answered: one query for all of them, as often as
 * the bot's own polling would be, instead of one per resident.
 */
function settleWatcher(db: Db) {
  const waiting = new Map<number, () => void>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const ids = [...waiting.keys()];
      if (ids.length > 0) {
        const settled = await db.query<{ id: number }>(
          `SELECT i.id FROM inbound_messages i WHERE i.id = ANY($1::bigint[]) AND i.status <> 'pending'
             AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.inbound_id = i.id AND o.status IN ('pending', 'sending'))
             AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.inbound_id = i.id AND f.status = 'pending')`,
          [ids],
        );
        for (const { id } of settled) {
          waiting.get(Number(id))?.();
          waiting.delete(Number(id));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  })();
  return {
    answered: (inboundId: number) => new Promise<void>((resolve) => waiting.set(inboundId, resolve)),
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/**
 * Residents with serials `first` to `first + count - 1` register at once (serials make their
 * names, ID numbers and phones, so two runs on one store never meet). Returns the ids of the
 * messages they sent.
 */
export async function registerAll(
  deps: BotDeps,
  residents: { first: number; count: number },
  progress: (text: string) => void,
): Promise<number[]> {
  const watcher = settleWatcher(deps.db);
  const today = benchToday();
  const inboundIds: number[] = [];
  let finished = 0;
  try {
    await Promise.all(
      Array.from({ length: residents.count }, async (_, index) => {
        const serial = residents.first + index;
        const user = `居民${serial}`;
        for (const turn of registrationTurns(serial)) {
          const result = await ingest(deps, sandboxInbound(user, turn.chat, turn.text, today));
          if (result.kind !== 'accepted') throw new Error(`a message was not accepted: ${result.kind}`);
          inboundIds.push(result.inboundId);
          await watcher.answered(result.inboundId);
        }
        finished += 1;
        if (finished % Math.max(1, Math.floor(residents.count / 10)) === 0) progress(`${finished} of ${residents.count} residents registered`);
      }),
    );
  } finally {
    await watcher.stop();
  }
  return inboundIds;
}
