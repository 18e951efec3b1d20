import type { FieldCipher } from '../privacy/index.ts';
import { maybeOne, type Queryable } from '../store/db.ts';
import { createLinkCode } from '../store/link-codes.ts';
import { findOnePerson } from './find-person.ts';
import { recordAudit } from '../store/audit.ts';

export interface IssuedRelinkCode {
  code: string;
  personName: string;
}

/**
 * A relink code for the person's WeChat account: staff have checked who the resident is (by phone,
 * at the door), so the code may move the person's records to the WeChat id it is sent from.
 */
export async function issueRelinkCode(q: Queryable, cipher: FieldCipher, who: string, now: Date = new Date()): Promise<IssuedRelinkCode> {
  const person = await findOnePerson(q, cipher, who);
  const personName = person.name ?? `#${person.id}`;
  const account = await maybeOne<{ id: number }>(
    q,
    `SELECT id FROM accounts WHERE person_id = $1 AND platform = 'wechat' ORDER BY created_at DESC, id DESC LIMIT 1`,
    [person.id],
  );
  if (!account) throw new Error(`${personName} has no WeChat account; on another platform they can send 关联账号 themselves`);
  const code = await createLinkCode(q, account.id, now, 'relink');
  await recordAudit(q, { action: 'persons.relink-code', subjectPersonId: person.id, details: { accountId: account.id } });
  return { code, personName };
}
