import type { Queryable } from './db.ts';

/** One line of the audit log: who did what to whose data. Every read or change of personal data by staff writes one. */
export interface AuditEntry {
  action: string;
  /** The staff member as a person (null when the operating system's user ran a command). */
  actorPersonId?: number | null;
  actorStaffId?: number | null;
  /** Whose record it concerns, when it is one person's. */
  subjectPersonId?: number | null;
  details: Record<string, unknown>;
}

export async function recordAudit(q: Queryable, entry: AuditEntry): Promise<void> {
  await q.query(
    'INSERT INTO audit_log (action, actor_person_id, actor_staff_id, subject_person_id, details) VALUES ($1, $2, $3, $4, $5)',
    [entry.action, entry.actorPersonId ?? null, entry.actorStaffId ?? null, entry.subjectPersonId ?? null, JSON.stringify(entry.details)],
  );
}

/**
 * A staff command refused: someone who is not staff, or staff outside their scope, asked for it.
 * Kept so that committees can see who tried what.
 */
export async function recordRefusal(q: Queryable, refusal: { personId: number; command: string; reason: 'not-staff' | 'outside-scope'; chatKind?: string }): Promise<void> {
  await recordAudit(q, {
    action: 'refused',
    actorPersonId: refusal.personId,
    details: { command: refusal.command, reason: refusal.reason, ...(refusal.chatKind ? { chat: refusal.chatKind } : {}) },
  });
}
