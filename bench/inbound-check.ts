/**
 * What one inbound run measured, and whether every message of it was handled once and every
 * reply written and delivered once: the figures of a run whose work was doubled or lost mean nothing.
 */
import type { Db } from '../src/store/db.ts';
import { percentile } from './table.ts';

export interface InboundRun {
  messages: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Replies written per message: the same script gives the same number in every run. */
  repliesPerMessage: number;
  /** Residents of the run whose registration is stored. */
  registered: number;
  /** What went wrong, in words; empty when every message and reply was done exactly once. */
  problems: string[];
}

export async function measureRun(db: Db, inboundIds: readonly number[]): Promise<InboundRun> {
  const ids = [...inboundIds];
  const [timing] = await db.query<{ first: Date; last: Date }>(
    'SELECT min(received_at) AS first, max(handled_at) AS last FROM inbound_messages WHERE id = ANY($1::bigint[])',
    [ids],
  );
  const latencies = await db.query<{ ms: number }>(
    'SELECT extract(epoch FROM handled_at - received_at) * 1000 AS ms FROM inbound_messages WHERE id = ANY($1::bigint[])',
    [ids],
  );
  const [messages] = await db.query<{ unhandled: number; retried: number }>(
    `SELECT count(*) FILTER (WHERE status <> 'handled')::int AS unhandled, count(*) FILTER (WHERE attempts <> 1)::int AS retried
     FROM inbound_messages WHERE id = ANY($1::bigint[])`,
    [ids],
  );
  const [replies] = await db.query<{ written: number; undelivered: number; doubled: number }>(
    `SELECT count(*)::int AS written,
            count(*) FILTER (WHERE o.status <> 'sent' OR NOT EXISTS (SELECT 1 FROM sandbox_transcript t WHERE t.outbox_id = o.id))::int AS undelivered,
            (SELECT count(*)::int FROM (SELECT 1 FROM outbox d WHERE d.inbound_id = ANY($1::bigint[])
               GROUP BY d.inbound_id, d.chat_id, d.text_masked HAVING count(*) > 1) AS twice) AS doubled
     FROM outbox o WHERE o.inbound_id = ANY($1::bigint[])`,
    [ids],
  );
  const [reports] = await db.query<{ persons: number; doubled: number }>(
    `SELECT count(DISTINCT r.person_id)::int AS persons, (count(*) - count(DISTINCT r.person_id))::int AS doubled
     FROM reports r
     WHERE r.form_id = 'registration' AND r.account_id IN (SELECT account_id FROM inbound_messages WHERE id = ANY($1::bigint[]))`,
    [ids],
  );
  const problems = [
    messages && messages.unhandled > 0 ? `${messages.unhandled} messages not handled` : '',
    messages && messages.retried > 0 ? `${messages.retried} messages handled in more than one attempt` : '',
    replies && replies.undelivered > 0 ? `${replies.undelivered} replies not delivered exactly once` : '',
    replies && replies.doubled > 0 ? `${replies.doubled} replies written twice` : '',
    reports && reports.doubled > 0 ? `${reports.doubled} registrations stored twice` : '',
  ].filter((problem) => problem !== '');
  const seconds = timing ? (timing.last.getTime() - timing.first.getTime()) / 1000 : Number.NaN;
  const ms = latencies.map((row) => Number(row.ms));
  return {
    messages: ids.length,
    seconds,
    perSecond: ids.length / seconds,
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
    repliesPerMessage: (replies?.written ?? 0) / Math.max(1, ids.length),
    registered: reports?.persons ?? 0,
    problems,
  };
}
