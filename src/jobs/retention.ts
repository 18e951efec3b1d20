import type { BotDeps } from '../bot/deps.ts';
import { purgeExpired, type PurgeResult } from '../store/retention.ts';
import { localDay } from '../time.ts';

/** The timers job that deletes, once a day, the personal data whose retention has run out. */
export const retentionPurgeJob = 'retention-purge';
/** At night, when nobody is registering. */
export const retentionPurgeAt = '03:15';

export async function purgeExpiredNow(deps: Pick<BotDeps, 'db' | 'cipher' | 'clock' | 'timeZone'>): Promise<PurgeResult> {
  return purgeExpired(deps.db, deps.cipher, localDay(deps.clock(), deps.timeZone));
}
