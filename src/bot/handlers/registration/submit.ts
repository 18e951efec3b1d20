import { addDays, format, parseISO } from 'date-fns';
import type { IdDocument, JsonValue } from '../../../dialogs/answer-kinds.ts';
import type { Room } from '../../../dialogs/answers/index.ts';
import type { FormDefinition } from '../../../dialogs/form.ts';
import type { FieldCipher } from '../../../privacy/index.ts';
import { one, type Queryable } from '../../../store/db.ts';
import { mayTakeOn, recordIdConflict, settleIdConflictsOf, unnumberedMemberOf } from '../../../store/id-holders.ts';
import { mergePersonInto } from '../../../store/merge.ts';
import { createPerson, findPersonByIdNumber, updatePerson } from '../../../store/persons.ts';
import { insertReport } from '../../../store/reports.ts';
import { loadRoomDirectory, siteOf } from '../../../store/rooms.ts';

/** Days a person who arrived from outside is under observation, unless a campaign says otherwise. */
export const defaultObservationDays = 14;

export interface Submission {
  form: FormDefinition;
  member: number;
  answers: Record<string, JsonValue>;
  accountId: number;
  chatId: number | null;
  areaId: number | null;
  today: string;
  campaignId: number | null;
  observationDays: number;
}

/** One report of a confirmed member: a campaign's form (or the plain one) and the answers to its questions. */
export interface ReportPart {
  form: FormDefinition;
  campaignId: number | null;
  observationDays: number;
  answers: Record<string, JsonValue>;
}

/** Who answered, and all they answered (several campaigns' questions at once, perhaps). */
export type PersonSubmission = Omit<Submission, 'form' | 'campaignId' | 'observationDays'>;

const isRecord = (value: JsonValue | undefined): value is Record<string, JsonValue> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value kept in the ID field: the number for a resident ID, kind and number for other documents. */
export function documentKey(document: IdDocument): string {
  return document.type === 'resident-id' ? document.number : `${document.type}:${document.number}`;
}

function idDocument(value: JsonValue | undefined): IdDocument | null {
  if (!isRecord(value) || typeof value['number'] !== 'string' || typeof value['type'] !== 'string') return null;
  return value as unknown as IdDocument;
}

/** Who a confirmed member of a registration is, and whose ID number they typed when it is someone else's. */
interface Identity {
  personId: number;
  /** The person the ID number is registered to, when the resident may not take it on. */
  holderPersonId: number | null;
}

/**
 * The resident themselves: the account's own person. A person only a landlord listed under that
 * number (and a name that agrees) is joined to them; anyone else's number stays with its holder.
 */
async function accountIdentity(q: Queryable, cipher: FieldCipher, ownPersonId: number, key: string | null, name: string | null): Promise<Identity> {
  const known = key ? await findPersonByIdNumber(q, cipher, key) : undefined;
  if (!known || known.id === ownPersonId) return { personId: ownPersonId, holderPersonId: null };
  if (!(await mayTakeOn(q, known, { householdId: ownPersonId, member: false, name }))) return { personId: ownPersonId, holderPersonId: known.id };
  await mergePersonInto(q, ownPersonId, known.id);
  return { personId: ownPersonId, holderPersonId: null };
}

/**
 * A family member: the one this household (or only a landlord's list) knows under the number, the
 * one it registered before without a number of their own, else someone new.
 */
async function memberIdentity(q: Queryable, cipher: FieldCipher, householdId: number, key: string | null, name: string | null): Promise<Identity> {
  const known = key ? await findPersonByIdNumber(q, cipher, key) : undefined;
  if (known && (await mayTakeOn(q, known, { householdId, member: true, name }))) return { personId: known.id, holderPersonId: null };
  const earlier = !known && key && name ? await unnumberedMemberOf(q, householdId, name) : undefined;
  if (earlier !== undefined) return { personId: earlier, holderPersonId: null };
  return { personId: await createPerson(q, cipher, {}), holderPersonId: known?.id ?? null };
}

async function roomArea(q: Queryable, areaId: number | null, room: Room): Promise<number | null> {
  const siteId = areaId ? await siteOf(q, areaId) : null;
  if (!siteId) return null;
  return (await loadRoomDirectory(q, siteId)).resolve(room);
}

// A month without its day (2019-06) counts from its first day.
const monthStart = (date: string): string => (/^\d{4}-\d{2}$/.test(date) ? `${date}-01` : date);

async function recordOccupancy(q: Queryable, submission: PersonSubmission, personId: number, householdId: number): Promise<void> {
  const room = submission.answers['room'];
  if (!isRecord(room)) return;
  const roomValue: Room = {
    // One form for a room whatever way it was typed (3-2-502, 3栋2单元502): the reader's, where it gave one.
    raw: typeof room['text'] === 'string' && room['text'] !== '' ? room['text'] : String(room['raw'] ?? ''),
    building: typeof room['building'] === 'string' ? room['building'] : null,
    unit: typeof room['unit'] === 'string' ? room['unit'] : null,
    room: typeof room['room'] === 'string' ? room['room'] : null,
    street: typeof room['street'] === 'string' ? room['street'] : null,
  };
  // A form that does not ask how they live there (a campaign's own) keeps what is known of the same room.
  if (typeof submission.answers['role'] !== 'string') {
    const same = await q.query('SELECT 1 FROM occupancies WHERE person_id = $1 AND until IS NULL AND room_text = $2', [personId, roomValue.raw]);
    if (same.length > 0) return;
  }
  const roomId = await roomArea(q, submission.areaId, roomValue);
  const role = typeof submission.answers['role'] === 'string' ? submission.answers['role'] : 'other';
  const since = typeof submission.answers['since'] === 'string' ? monthStart(submission.answers['since']) : null;
  // A new address ends the old one; the history stays.
  await q.query(
    `UPDATE occupancies SET until = $2 WHERE person_id = $1 AND until IS NULL AND room_text IS DISTINCT FROM $3`,
    [personId, submission.today, roomValue.raw],
  );
  await q.query(`DELETE FROM occupancies WHERE person_id = $1 AND until IS NULL AND room_text = $2`, [personId, roomValue.raw]);
  await q.query(
    `INSERT INTO occupancies (person_id, room_id, room_text, role, household_id, since) VALUES ($1, $2, $3, $4, $5, $6)`,
    [personId, roomId, roomValue.raw, role, householdId, since],
  );
}

async function startObservation(q: Queryable, report: ReportPart, today: string, personId: number): Promise<void> {
  const arrival = report.answers['arrivalDate'];
  const endsOn = typeof arrival === 'string' ? format(addDays(parseISO(arrival), report.observationDays), 'yyyy-MM-dd') : '';
  if (endsOn < today) return;
  await q.query(
    `INSERT INTO observations (person_id, campaign_id, starts_on, ends_on, source) VALUES ($1, $2, $3, $4, 'report')`,
    [personId, report.campaignId, arrival, endsOn],
  );
}

const arrived = (report: ReportPart) => report.answers['returned'] === true && typeof report.answers['arrivalDate'] === 'string';

export interface SubmitResult {
  personId: number;
  /** The ID number typed is registered to someone else: this report was kept apart, for staff to resolve. */
  idConflict: boolean;
}

/** Saves one confirmed member of a registration: the person, where they live, the report. */
export async function submitRegistration(q: Queryable, cipher: FieldCipher, submission: Submission): Promise<SubmitResult> {
  const { form, campaignId, observationDays, ...person } = submission;
  return submitReports(q, cipher, person, [{ form, campaignId, observationDays, answers: submission.answers }]);
}

/**
 * Saves one confirmed member of a form answered for several campaigns: the person and where they
 * live once, then one report per campaign with the answers to its own questions.
 */
export async function submitReports(q: Queryable, cipher: FieldCipher, submission: PersonSubmission, reports: readonly ReportPart[]): Promise<SubmitResult> {
  const document = idDocument(submission.answers['idNumber']);
  const key = document ? documentKey(document) : null;
  const name = typeof submission.answers['name'] === 'string' ? submission.answers['name'] : null;
  const phone = submission.answers['phone'];
  const householdId = (await one<{ person_id: number }>(q, 'SELECT person_id FROM accounts WHERE id = $1', [submission.accountId])).person_id;
  const identity =
    submission.member === 0
      ? await accountIdentity(q, cipher, householdId, key, name)
      : await memberIdentity(q, cipher, householdId, key, name);
  const { personId, holderPersonId } = identity;
  await updatePerson(q, cipher, personId, {
    ...(name !== null ? { name } : {}),
    // Someone else's number is never copied: it stays in this report only.
    ...(key && holderPersonId === null ? { idNumber: key } : {}),
    ...(typeof phone === 'string' ? { phone } : {}),
    listedByLandlord: false,
  });
  await recordOccupancy(q, submission, personId, householdId);
  const reportIds: number[] = [];
  for (const report of reports) {
    reportIds.push(
      await insertReport(q, cipher, {
        form: report.form,
        personId,
        accountId: submission.member === 0 ? submission.accountId : null,
        chatId: submission.chatId,
        campaignId: report.campaignId,
        answers: report.answers,
      }),
    );
  }
  const withNumber = reportIds[Math.max(0, reports.findIndex((report) => 'idNumber' in report.answers))];
  if (holderPersonId !== null && withNumber !== undefined) {
    await recordIdConflict(q, {
      personId,
      holderPersonId,
      reportId: withNumber,
      accountId: submission.accountId,
      source: submission.member === 0 ? 'registration' : 'member',
    });
  } else if (key) {
    await settleIdConflictsOf(q, personId);
  }
  // One observation, from the first campaign that asked about the arrival.
  const arrival = reports.find(arrived);
  if (arrival) await startObservation(q, arrival, submission.today, personId);
  return { personId, idConflict: holderPersonId !== null };
}
