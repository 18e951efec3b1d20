import { z } from 'zod';
import { formatAnswer, type JsonValue } from '../dialogs/answer-kinds.ts';
import { loadForm } from '../dialogs/form.ts';
import { type FieldCipher, maskIdNumber, maskPhone, maskText } from '../privacy/index.ts';
import type { Queryable } from '../store/db.ts';
import { registrationFormId } from '../bot/handlers/registration/engine-context.ts';

/** One current registration per person, with the keys staff scripts read. */
export interface ResidentRow {
  name: string | null;
  idNumber: string | null;
  phone: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  role: string | null;
  hukou: string | null;
  since: string | null;
  returned: boolean | null;
  fromCity: string | null;
  arrivalDate: string | null;
  viaCities: string[];
  healthCode: string | null;
  vaccineDoses: number | null;
  observationUntil: string | null;
  registeredAt: string;
  householdId: number | null;
  /** The site (compound, village) of the room, when the room is one the community knows. */
  site: string | null;
  /** The last test as answered: its date and result (negative, positive, pending). */
  lastTest: { date: string; result: string } | null;
  /** What the resident wanted the committee to know; masked like any free text unless unmasked. */
  notes: string | null;
}

export const residentKeys = [
  'name', 'idNumber', 'phone', 'building', 'unit', 'room', 'role', 'hukou', 'since', 'returned', 'fromCity',
  'arrivalDate', 'viaCities', 'healthCode', 'vaccineDoses', 'observationUntil', 'registeredAt', 'householdId',
  'site', 'lastTest', 'notes',
] as const satisfies readonly (keyof ResidentRow)[];

const answersSchema = z.record(z.string(), z.json());

interface Row extends Record<string, unknown> {
  person_id: number;
  created_at: Date;
  answers_enc: string;
  household_id: number | null;
  observation_until: string | null;
  site: string | null;
}

const text = (value: JsonValue | undefined): string | null => (typeof value === 'string' ? value : null);
const record = (value: JsonValue | undefined): Record<string, JsonValue> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};

function lastTestOf(value: JsonValue | undefined): ResidentRow['lastTest'] {
  const test = record(value);
  const date = text(test['date']);
  const result = text(test['result']);
  return date !== null && result !== null ? { date, result } : null;
}

export interface ResidentQuery {
  /** Only people living in these areas (a staff member's scope); all when absent. */
  areaIds?: readonly number[];
  unmasked: boolean;
}

export async function currentResidents(q: Queryable, cipher: FieldCipher, query: ResidentQuery): Promise<ResidentRow[]> {
  const form = loadForm(registrationFormId);
  const question = (id: string) => form.questions.find((x) => x.id === id);
  const rows = await q.query<Row>(
    `SELECT DISTINCT ON (r.person_id) r.person_id, r.created_at, r.answers_enc, o.household_id,
            (SELECT max(ends_on)::text FROM observations b WHERE b.person_id = r.person_id AND b.ended_early_on IS NULL) AS observation_until,
            site.name AS site
     FROM reports r
     LEFT JOIN occupancies o ON o.person_id = r.person_id AND o.until IS NULL
     LEFT JOIN LATERAL (
       WITH RECURSIVE up AS (
         -- The room's site; for a room the community has not surveyed, the site of the group it was registered from.
         SELECT id, parent_id, kind, name FROM areas WHERE id = coalesce(o.room_id, (SELECT area_id FROM chats WHERE id = r.chat_id))
         UNION ALL SELECT a.id, a.parent_id, a.kind, a.name FROM areas a JOIN up ON a.id = up.parent_id)
       SELECT name FROM up WHERE kind = 'site' LIMIT 1) site ON true
     WHERE r.form_id = $1 AND ($2::bigint[] IS NULL OR o.room_id = ANY($2::bigint[]))
     ORDER BY r.person_id, r.id DESC`,
    [registrationFormId, query.areaIds ?? null],
  );
  return rows.map((row) => {
    const answers = answersSchema.parse(JSON.parse(cipher.decrypt(row.answers_enc))) as Record<string, JsonValue>;
    const document = record(answers['idNumber']);
    const number = text(document['number']);
    const phone = text(answers['phone']);
    const room = record(answers['room']);
    const hukouQuestion = question('hukou');
    const via = answers['viaCities'];
    const notes = text(answers['notes']);
    return {
      name: text(answers['name']),
      idNumber: number && !query.unmasked ? maskIdNumber(number) : number,
      phone: phone && !query.unmasked ? maskPhone(phone) : phone,
      building: text(room['building']),
      unit: text(room['unit']),
      room: text(room['room']),
      role: text(answers['role']),
      hukou: hukouQuestion && answers['hukou'] !== undefined ? formatAnswer(hukouQuestion, answers['hukou'], 'zh-CN') : null,
      since: text(answers['since']),
      returned: typeof answers['returned'] === 'boolean' ? answers['returned'] : null,
      fromCity: text(record(answers['fromCity'])['city']),
      arrivalDate: text(answers['arrivalDate']),
      viaCities: Array.isArray(via) ? via.map((c) => text(record(c)['city']) ?? '').filter((c) => c !== '') : [],
      healthCode: text(answers['healthCode']),
      vaccineDoses: typeof answers['vaccineDoses'] === 'number' ? answers['vaccineDoses'] : null,
      observationUntil: row.observation_until,
      registeredAt: row.created_at.toISOString(),
      householdId: row.household_id,
      site: row.site,
      lastTest: lastTestOf(answers['lastTest']),
      notes: notes === null || query.unmasked ? notes : maskText(notes),
    };
  });
}
