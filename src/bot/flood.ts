import type { Queryable } from '../store/db.ts';
import { sandboxPlatform } from './channels/sandbox-outbound.ts';

/**
 * How many messages one account may send in a window before the rest are kept but not acted on.
 * People answering a form send one message every few seconds; a script or a stuck key sends
 * hundreds. The sandbox is one person at a terminal playing many, and is never limited.
 */
export const floodLimit = { messages: 30, windowSeconds: 60 } as const;

/** Whether a message arriving now from this account is over the limit (counting the ones before it). */
export async function isFlooding(tx: Queryable, platform: string, accountId: number): Promise<boolean> {
  if (platform === sandboxPlatform) return false;
  const rows = await tx.query<{ recent: number }>(
    `SELECT count(*)::int AS recent FROM inbound_messages
     WHERE account_id = $1 AND received_at > now() - make_interval(secs => $2)`,
    [accountId, floodLimit.windowSeconds],
  );
  return (rows[0]?.recent ?? 0) >= floodLimit.messages;
}

/** Routes of a limited message: the first of a run is answered with the notice, the rest are not. */
export const floodRoutes = { notice: 'flood-notice', quiet: 'flood' } as const;

/**
 * Whether this limited message is the first of its run (since the account's last message that
 * was not limited), so the person hears the notice once, not once a message.
 */
export async function owesFloodNotice(tx: Queryable, accountId: number, inboundId: number): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM inbound_messages
     WHERE account_id = $1 AND id < $2 AND route = $3
       AND id > coalesce((SELECT max(id) FROM inbound_messages WHERE account_id = $1 AND id < $2 AND NOT limited), 0)
     LIMIT 1`,
    [accountId, inboundId, floodRoutes.notice],
  );
  return rows.length === 0;
}
