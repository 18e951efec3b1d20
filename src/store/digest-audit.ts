import { recordAudit } from './audit.ts';
import type { Queryable } from './db.ts';

export interface DigestRead {
  /** Whose digest it is: the staff member it was built for. */
  staffPersonId: number;
  via: 'push' | 'chat' | 'cli';
  day: string;
  /** How many people it named. */
  people: number;
  /** For the command line: the operating-system user who ran it (the reader is not the staff member). */
  by?: string;
}

/** Reading names and health flags is recorded like every read of personal data by staff. */
export async function auditDigestRead(q: Queryable, read: DigestRead): Promise<void> {
  await recordAudit(q, {
    action: 'digest.read',
    actorPersonId: read.via === 'cli' ? null : read.staffPersonId,
    details: { via: read.via, day: read.day, people: read.people, staffPersonId: read.staffPersonId, ...(read.by ? { by: read.by } : {}) },
  });
}
