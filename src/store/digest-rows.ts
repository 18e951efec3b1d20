import { z } from 'zod';
import type { CheckinAnswer } from '../dialogs/checkin-answer.ts';
import { type FieldCipher, maskText } from '../privacy/index.ts';
import type { Queryable } from './db.ts';
import { idRanges, type DigestScope } from './digest-scope.ts';
import { observedPeopleOn, type ObservedDigestRow } from './digest-observed.ts';
import { shopStatusesFor, type ShopDayStatus } from './shop-status.ts';
import { identityDigestRows, type IdConflictDigestRow } from './digest-identity.ts';
import type { ResidentCounts } from './digest-population.ts';

/**
 * What the daily staff digest is made of, read for one staff member's scope. Every query here is
 * limited to the scope in SQL; no ID number or phone is read, and health answers are decrypted
 * only to tell a fever or symptoms.
 */

/** Where someone lives or asked from: the site's name, and the rest below it (3栋1单元101). */
export interface DigestPlace {
  site: string | null;
  below: string;
}

export interface DigestWindow {
  day: string;
  start: Date;
  end: Date;
}


export interface CheckinDigestRow {
  personId: number;
  name: string | null;
  place: DigestPlace | null;
  /** The bot had a private chat to ask in. */
  reachable: boolean;
  remindedAt: Date | null;
  answeredAt: Date | null;
  answer: CheckinAnswer | null;
}

export interface HelpDigestRow {
  personId: number;
  name: string | null;
  place: DigestPlace | null;
  createdAt: Date;
}

export interface TenantDigestRow {
  name: string | null;
  room: string | null;
  landlord: string | null;
}


export interface DigestRows {
  residents: ResidentCounts;
  underObservation: number;
  /** Who is under observation that day, with where they live. */
  observed: (ObservedDigestRow & { place: DigestPlace | null })[];
  checkins: CheckinDigestRow[];
  helpRequests: HelpDigestRow[];
  unregisteredTenants: TenantDigestRow[];
  /** Only for community-wide staff: the outbox is not tied to places. */
  uncertainSends: number | null;
  /** Each shop of the markets in scope that day, with the owner's latest answer. */
  shops: ShopDayStatus[];
  /** ID numbers given by someone other than the person they are registered to, not yet resolved. */
  idConflicts: IdConflictDigestRow[];
  /** Rows of landlords' lists whose ID number is registered under another name. */
  rosterMismatches: TenantDigestRow[];
}

/**
 * A person's current place; none when no room of theirs is known. Read per person, with one probe
 * of the index of their latest occupancies (migration 024): the digest asks it for the few people
 * of a list, and a community's occupancies are not sorted to answer it.
 */
export const currentRoomOf = (person: string) => `(SELECT occ.room_id FROM occupancies occ
  WHERE occ.person_id = ${person} AND occ.until IS NULL ORDER BY occ.id DESC LIMIT 1)`;

/**
 * A person's place at the end of the digest's day ($3: the day, $4: its end): the latest address
 * known by then that they had not left before it. For today, their current place.
 */
export const roomOnDayOf = (person: string) => `(SELECT occ.room_id FROM occupancies occ
  WHERE occ.person_id = ${person} AND occ.created_at < $4 AND (occ.until IS NULL OR occ.until > $3::date) ORDER BY occ.id DESC LIMIT 1)`;

/**
 * $1: the scope's areas as a multirange of ids (digest-scope's idRanges), $2: whether people
 * without a known place are in it.
 */
export const inScope = (column: string) => `(${column} <@ $1::int8multirange OR (${column} IS NULL AND $2::boolean))`;

/** Names, as staff know them: what the person registered, else the platform's display name. */
export const nameOf = (person: string) => `coalesce(${person}.name,
  (SELECT display_name FROM accounts WHERE person_id = ${person}.id AND display_name IS NOT NULL ORDER BY id LIMIT 1))`;

const storedAnswer = z.object({ temperature: z.number(), symptoms: z.string().nullable() });

/** Query parameters $1 and $2 of every scoped query: the scope's areas (see idRanges) and whether the unplaced are in it. */
export type ScopeParams = [string, boolean];

/** The parameters of a scoped query over a day: the scope, then $3 the day and $4 its end. */
const onDay = (scope: ScopeParams, window: DigestWindow) => [...scope, window.day, window.end];

interface CheckinRow extends Record<string, unknown> {
  person_id: number;
  name: string | null;
  room_id: number | null;
  chat_id: number | null;
  reminded_at: Date | null;
  answered_at: Date | null;
  answer_enc: string | null;
}

async function checkinsOn(q: Queryable, scope: ScopeParams, window: DigestWindow): Promise<CheckinRow[]> {
  return q.query<CheckinRow>(
    `SELECT c.person_id, ${nameOf('p')} AS name, cr.room_id, c.chat_id, c.reminded_at, c.answered_at, c.answer_enc
     FROM checkins c JOIN persons p ON p.id = c.person_id CROSS JOIN LATERAL (SELECT ${roomOnDayOf('c.person_id')} AS room_id) cr
     WHERE c.day = $3 AND ${inScope('cr.room_id')}
     ORDER BY c.person_id`,
    onDay(scope, window),
  );
}

/** Requests for help not yet handled at the day's end; placed where they were asked from, else where the person lived. */
async function openHelpRequests(q: Queryable, scope: ScopeParams, window: DigestWindow) {
  return q.query<{ person_id: number; name: string | null; area_id: number | null; created_at: Date }>(
    `SELECT h.person_id, ${nameOf('p')} AS name, coalesce(h.area_id, cr.room_id) AS area_id, h.created_at
     FROM help_requests h JOIN persons p ON p.id = h.person_id CROSS JOIN LATERAL (SELECT ${roomOnDayOf('h.person_id')} AS room_id) cr
     WHERE (h.handled_at IS NULL OR h.handled_at >= $4) AND h.created_at < $4 AND ${inScope('coalesce(h.area_id, cr.room_id)')}
     ORDER BY h.created_at, h.id`,
    onDay(scope, window),
  );
}

/**
 * Tenants on the latest list of each landlord at the day's end with no registration of their own by
 * then. A list belongs where it was pasted (the group's place), else where the landlord lives.
 */
async function unregisteredTenantsIn(q: Queryable, scope: ScopeParams, window: DigestWindow): Promise<TenantDigestRow[]> {
  const rows = await q.query<{ name: string | null; room_raw: string | null; landlord: string | null }>(
    `WITH latest AS (
       SELECT DISTINCT ON (v.roster_id) v.roster_id, v.id FROM roster_versions v WHERE v.created_at < $4
       ORDER BY v.roster_id, v.version DESC)
     SELECT e.name, e.room_raw, ${nameOf('owner')} AS landlord
     FROM rosters r JOIN latest ON latest.roster_id = r.id
     JOIN roster_entries e ON e.version_id = latest.id AND e.action <> 'remove'
     JOIN persons owner ON owner.id = r.owner_person_id
     CROSS JOIN LATERAL (SELECT ${roomOnDayOf('r.owner_person_id')} AS room_id) cr
     WHERE r.kind = 'landlord' AND ${inScope('coalesce(r.area_id, cr.room_id)')}
       AND (e.person_id IS NULL OR NOT EXISTS (
             SELECT 1 FROM reports x WHERE x.form_id = 'registration' AND x.person_id = e.person_id AND x.created_at < $4))
     ORDER BY r.id, e.line_no, e.id`,
    onDay(scope, window),
  );
  return rows.map((row) => ({
    name: row.name,
    // What the landlord typed as the room; a stray number in it is masked like any stored text.
    room: row.room_raw === null ? null : maskText(row.room_raw),
    landlord: row.landlord,
  }));
}

/** Sends that a crash interrupted on the day (see the outbox's 'uncertain'): never repeated, nobody told. */
async function uncertainSendsOn(q: Queryable, window: DigestWindow): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbox
     WHERE status = 'uncertain' AND coalesce(claimed_at, created_at) >= $1 AND coalesce(claimed_at, created_at) < $2`,
    [window.start, window.end],
  );
  return rows[0]?.n ?? 0;
}

/** The digest's rows; its residents arrive counted, in the one pass over the community that also gives the census its coverage (digest-population.ts). */
export async function loadDigestRows(
  q: Queryable,
  cipher: FieldCipher,
  scope: DigestScope,
  window: DigestWindow,
  residents: ResidentCounts,
): Promise<DigestRows> {
  const params: ScopeParams = [idRanges(scope.areaIds), scope.communityWide];
  const checkins = await checkinsOn(q, params, window);
  const help = await openHelpRequests(q, params, window);
  const shops = scope.marketIds.length > 0 ? await shopStatusesFor(q, cipher, scope.marketIds, window.day) : [];
  const observed = await observedPeopleOn(q, params, window.day, window.end);
  const places = await placesOf(q, [...checkins.map((row) => row.room_id), ...help.map((row) => row.area_id), ...observed.map((row) => row.roomId)]);
  const placeOf = (id: number | null) => (id === null ? null : (places.get(id) ?? null));
  return {
    residents,
    underObservation: observed.length,
    observed: observed.map((row) => ({ ...row, place: placeOf(row.roomId) })),
    checkins: checkins.map((row) => ({
      personId: row.person_id,
      name: row.name,
      place: placeOf(row.room_id),
      reachable: row.chat_id !== null,
      remindedAt: row.reminded_at,
      answeredAt: row.answered_at,
      answer: row.answer_enc === null ? null : storedAnswer.parse(JSON.parse(cipher.decrypt(row.answer_enc))),
    })),
    helpRequests: help.map((row) => ({ personId: row.person_id, name: row.name, place: placeOf(row.area_id), createdAt: row.created_at })),
    unregisteredTenants: await unregisteredTenantsIn(q, params, window),
    uncertainSends: scope.communityWide ? await uncertainSendsOn(q, window) : null,
    shops,
    ...(await identityDigestRows(q, params, window)),
  };
}

/** The site and the names below it of each area, in one query for all of them. */
export async function placesOf(q: Queryable, ids: readonly (number | null)[]): Promise<Map<number, DigestPlace>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await q.query<{ start: number; name: string; kind: string }>(
    `WITH RECURSIVE up AS (
       SELECT id AS start, id, parent_id, name, kind, 0 AS depth FROM areas WHERE id = ANY($1::bigint[])
       UNION ALL
       SELECT up.start, a.id, a.parent_id, a.name, a.kind, up.depth + 1 FROM areas a JOIN up ON a.id = up.parent_id)
     SELECT start, name, kind FROM up ORDER BY start, depth DESC`,
    [wanted],
  );
  const places = new Map<number, DigestPlace>();
  for (const row of rows) {
    const place = places.get(row.start) ?? { site: null, below: '' };
    if (row.kind === 'site') place.site = row.name;
    else if (row.kind !== 'community') place.below += row.name;
    places.set(row.start, place);
  }
  return places;
}
