import { readFindQuery, type FindQuery } from '../dialogs/find/query.ts';
import { oneEditVariants, placePieces, type FindKeyPiece } from '../dialogs/find/keys.ts';
import { rankCandidates, type FindCandidate } from '../dialogs/find/score.ts';
import { recordAudit } from './audit.ts';
import { type FieldCipher, maskText } from '../privacy/index.ts';
import type { Queryable } from './db.ts';
import { findKeysUnderRing, refreshFindIndex, subjectsOf } from './find-index.ts';
import { readAsStaff, type ReadScope } from './staff-reads.ts';
import { personInAreas, type FindScope } from './find-scope.ts';

/**
 * Finding a person from what staff know of them. The query's pieces are looked up by their keyed
 * hashes (find_keys, and the hashes of whole phones and ID numbers, one typo included); the few
 * hundred candidates are then scored on their decrypted details in memory, and only within scope.
 */

export interface FindResult {
  personId: number;
  ref: string | null;
  name: string | null;
  score: number;
  reasons: string[];
}

export interface FindRequest {
  query: string;
  lang: string;
  limit: number;
  scope: FindScope;
  /** Who searched, for the audit log. */
  actor: { personId: number | null; via: 'cli' | 'chat'; by?: string };
  /** A staff member's search runs as them (see staff-reads): row-level security bounds it as well as `scope`. */
  readAs?: ReadScope;
}

const candidateLimit = 300;
const DATE = /(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])/;

/** The pieces to look up: those that narrow the search, and those that only do when nothing else is given. */
function queryPieces(query: FindQuery): { strong: FindKeyPiece[]; weak: FindKeyPiece[] } {
  const strong: FindKeyPiece[] = [];
  const weak: FindKeyPiece[] = [];
  if (query.name) {
    if (query.name.surnameOnly) weak.push({ kind: 'surname', value: query.name.sound.surname });
    else strong.push({ kind: 'name', value: query.name.sound.loose });
  }
  for (const run of query.digits) {
    if (run.length < 4 || run.length === 11 || run.length === 18) continue;
    for (const tail of oneEditVariants(run.slice(-4))) strong.push({ kind: 'phone4', value: tail }, { kind: 'id4', value: tail });
    const birth = DATE.exec(run)?.[0];
    if (birth !== undefined) strong.push({ kind: 'birth', value: birth });
  }
  if (query.place) {
    for (const piece of placePieces(query.place)) (piece.kind === 'house' ? weak : strong).push(piece);
  }
  return { strong, weak };
}

/** Keyed hashes of whole numbers typed, and of each with one digit wrong or two swapped, under every key of the ring. */
function wholeNumberHashes(cipher: FieldCipher, query: FindQuery): { phones: string[]; ids: string[] } {
  const phones: string[] = [];
  const ids: string[] = [];
  for (const run of query.digits) {
    if (run.length === 11 && run.startsWith('1')) phones.push(...oneEditVariants(run).flatMap((value) => cipher.hashes('phone', value)));
    if (run.length === 18) ids.push(...oneEditVariants(run, '0123456789X').flatMap((value) => cipher.hashes('id', value)));
  }
  return { phones, ids };
}

/**
 * One key (a surname alone, a house number alone): everyone it finds weighs the same, and the
 * candidates are the first of them by id. Read in that order, the search stops once it has them,
 * where gathering and counting everyone of a common surname read 20,000 rows.
 */
async function singleKeyCandidates(q: Queryable, keys: string[], scope: FindScope): Promise<number[]> {
  const params: unknown[] = [keys, candidateLimit];
  let inScope = 'true';
  if (scope.kind === 'areas') {
    params.push(scope.areaIds);
    inScope = personInAreas('f.person_id', '$3');
  }
  const rows = await q.query<{ person_id: number }>(
    `SELECT f.person_id FROM find_keys f WHERE f.keys && $1::bigint[] AND ${inScope} ORDER BY f.person_id LIMIT $2`,
    params,
  );
  return rows.map((row) => row.person_id);
}

async function candidateIds(q: Queryable, cipher: FieldCipher, query: FindQuery, scope: FindScope): Promise<number[]> {
  const { strong, weak } = queryPieces(query);
  const whole = wholeNumberHashes(cipher, query);
  const pieces = strong.length > 0 || whole.phones.length + whole.ids.length > 0 ? strong : weak;
  const keys = [...new Set(pieces.flatMap((piece) => findKeysUnderRing(cipher, piece.kind, piece.value)))];
  if (keys.length === 0 && whole.phones.length === 0 && whole.ids.length === 0) return [];
  if (keys.length === 1 && whole.phones.length === 0 && whole.ids.length === 0) return singleKeyCandidates(q, keys, scope);
  const params: unknown[] = [keys, whole.phones, whole.ids, candidateLimit];
  let inScope = 'true';
  if (scope.kind === 'areas') {
    params.push(scope.areaIds);
    inScope = personInAreas('h.person_id', '$5');
  }
  const rows = await q.query<{ person_id: number }>(
    `WITH keyed AS (SELECT person_id, keys FROM find_keys WHERE keys && $1::bigint[] LIMIT 20000),
     hits AS (
       SELECT k.person_id, 1 AS w FROM keyed k, unnest(k.keys) AS key WHERE key = ANY($1::bigint[])
       UNION ALL SELECT id, 3 FROM persons WHERE phone_hash = ANY($2::text[]) OR id_number_hash = ANY($3::text[])
       UNION ALL SELECT person_id, 3 FROM registry_entries
         WHERE person_id IS NOT NULL AND (phone_hash = ANY($2::text[]) OR id_number_hash = ANY($3::text[])))
     SELECT h.person_id FROM hits h WHERE ${inScope}
     GROUP BY h.person_id ORDER BY sum(h.w) DESC, h.person_id LIMIT $4`,
    params,
  );
  return rows.map((row) => row.person_id);
}

async function candidatesOf(q: Queryable, cipher: FieldCipher, ids: number[]): Promise<FindCandidate[]> {
  if (ids.length === 0) return [];
  const subjects = await subjectsOf(q, cipher, ids);
  const refs = await q.query<{ person_id: number; ref: string | null }>(
    `SELECT DISTINCT ON (person_id) person_id, ref FROM registry_entries
     WHERE person_id = ANY($1::bigint[]) AND ref IS NOT NULL ORDER BY person_id, id`,
    [ids],
  );
  const refOf = new Map(refs.map((row) => [row.person_id, row.ref]));
  const present = <T>(values: (T | null)[]): T[] => values.filter((value): value is T => value !== null);
  return ids.flatMap((personId) => {
    const subject = subjects.get(personId);
    if (!subject) return [];
    return [
      {
        personId,
        ref: refOf.get(personId) ?? null,
        names: present(subject.names),
        phones: present(subject.phones),
        idNumbers: present(subject.idNumbers),
        places: subject.places,
      },
    ];
  });
}

/** The persons a query finds, best first, within scope; the search is written to the audit log. */
export async function findPersons(q: Queryable, cipher: FieldCipher, request: FindRequest): Promise<FindResult[]> {
  // Linli's own upkeep of the index, before the search is narrowed to the staff member's rows.
  await refreshFindIndex(q, cipher);
  return request.readAs ? readAsStaff(q, request.readAs, (staffQ) => search(staffQ, cipher, request)) : search(q, cipher, request);
}

async function search(q: Queryable, cipher: FieldCipher, request: FindRequest): Promise<FindResult[]> {
  const query = readFindQuery(request.query);
  const candidates = await candidatesOf(q, cipher, await candidateIds(q, cipher, query, request.scope));
  const results = rankCandidates(query, candidates, request.lang, request.limit).map(({ candidate, score, reasons }) => ({
    personId: candidate.personId,
    ref: candidate.ref,
    name: candidate.names[0] ?? null,
    score,
    reasons,
  }));
  await recordAudit(q, {
    action: 'find',
    actorPersonId: request.actor.personId,
    details: {
      query: maskText(request.query),
      via: request.actor.via,
      ...(request.actor.by ? { by: request.actor.by } : {}),
      found: results.map((result) => result.personId),
    },
  });
  return results;
}
