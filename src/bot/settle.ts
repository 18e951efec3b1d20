import type { Queryable } from '../store/db.ts';

export interface SettleOptions {
  timeoutMs: number;
  pollMs?: number;
}

/**
 * Waits until the given inbound messages are handled, the work they left for later (follow-ups)
 * is done, and every reply they caused has left the outbox (sent, failed or uncertain). Returns
 * false when the time runs out first.
 */
export async function waitUntilSettled(q: Queryable, inboundIds: readonly number[], options: SettleOptions): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const rows = await q.query<{ open: number }>(
      `SELECT (SELECT count(*) FROM inbound_messages WHERE id = ANY($1::bigint[]) AND status = 'pending')
            + (SELECT count(*) FROM outbox WHERE inbound_id = ANY($1::bigint[]) AND status IN ('pending', 'sending'))
            + (SELECT count(*) FROM followups WHERE inbound_id = ANY($1::bigint[]) AND status = 'pending')
              AS open`,
      [inboundIds],
    );
    if (Number(rows[0]?.open ?? 0) === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 25));
  }
}
