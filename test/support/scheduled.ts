import type { Linli } from '../../src/app.ts';
import { until } from './until.ts';

/** Waits until the timers queue has nothing waiting or running and the outbox has sent everything. */
export async function untilTimersIdle(linli: Linli): Promise<void> {
  await until(async () => {
    const counts = await linli.deps.jobs.counts('timers');
    const pending = await linli.deps.db.query(`SELECT 1 FROM outbox WHERE status IN ('pending', 'sending')`);
    return (counts['waiting'] ?? 0) === 0 && (counts['active'] ?? 0) === 0 && pending.length === 0;
  }, 30_000);
}

/**
 * Runs a job scheduler's next job now, as its time coming would (BullMQ's scheduler driven by the
 * test, not a sleep), and waits until the messages it wrote are out.
 */
export async function runScheduledNow(linli: Linli, schedulerId: string): Promise<void> {
  const next = await linli.deps.jobs.nextScheduled('timers', schedulerId);
  if (!next) throw new Error(`no schedule ${schedulerId}`);
  await linli.deps.jobs.promote('timers', next.jobId);
  await until(async () => (await linli.deps.jobs.nextScheduled('timers', schedulerId))?.jobId !== next.jobId, 30_000);
  await untilTimersIdle(linli);
}
