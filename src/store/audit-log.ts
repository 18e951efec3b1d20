import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Queryable } from './db.ts';

/** One line of the audit log as staff read it: names, never numbers; the time in the community's zone. */
export interface AuditListing {
  at: string;
  /** The staff member who acted, or null for a command run on the server. */
  actor: string | null;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  /** 'YYYY-MM-DD', in the community's time zone: from the start of that day. */
  since?: string;
  actorPersonId?: number;
  timeZone: string;
}

interface AuditRow extends Record<string, unknown> {
  at: Date;
  actor: string | null;
  actor_person_id: number | null;
  action: string;
  subject: string | null;
  subject_person_id: number | null;
  details: Record<string, unknown>;
}

export async function listAudit(q: Queryable, filter: AuditFilter): Promise<AuditListing[]> {
  const since = filter.since ? new TZDate(`${filter.since}T00:00:00`, filter.timeZone) : null;
  const rows = await q.query<AuditRow>(
    `SELECT l.at, actor.name AS actor, l.actor_person_id, l.action, subject.name AS subject, l.subject_person_id, l.details
     FROM audit_log l
     LEFT JOIN persons actor ON actor.id = l.actor_person_id
     LEFT JOIN persons subject ON subject.id = l.subject_person_id
     WHERE ($1::timestamptz IS NULL OR l.at >= $1) AND ($2::bigint IS NULL OR l.actor_person_id = $2)
     ORDER BY l.at, l.id`,
    [since ? new Date(since.getTime()) : null, filter.actorPersonId ?? null],
  );
  return rows.map((row) => ({
    at: format(new TZDate(row.at.getTime(), filter.timeZone), 'yyyy-MM-dd HH:mm:ss'),
    actor: row.actor ?? (row.actor_person_id === null ? null : `#${row.actor_person_id}`),
    action: row.action,
    subject: row.subject ?? (row.subject_person_id === null ? null : `#${row.subject_person_id}`),
    details: row.details,
  }));
}
