import { z } from 'zod';
import type { CheckinAnswer } from '../dialogs/checkin-answer.ts';
import type { FieldCipher } from './crypto.ts';
import type { Queryable } from './db.ts';
import { maskText } from './mask.ts';
import type { DigestScope } from './digest-scope.ts';
import { shopStatusesFor, type ShopDayStatus } from './shop-status.ts';
import { identityDigestRows, type IdConflictDigestRow } from './digest-identity.ts';

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

export interface ResidentDigestRow {
  personId: number;
  firstRegisteredAt: Date;
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
  residents: ResidentDigestRow[];
  underObservation: number;
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

/** A person's current place; none when no room of theirs is known. */
export const currentRoom = `
  current_room AS (
    SELECT DISTINCT ON (person_id) person_id, room_id FROM occupancies
    WHERE until IS NULL ORDER BY person_id, id DESC)`;

/** $1: the scope's area ids, $2: whether people without a known place are in it. */
export const inScope = (column: string) => `(${column} = ANY($1::bigint[]) OR (${column} IS NULL AND $2::boolean))`;

/** Names, as staff know them: what the person registered, else the platform's display name. */
export const nameOf = (person: string) => `coalesce(${person}.name,
  (SELECT display_name FROM accounts WHERE person_id = ${person}.id AND display_name IS NOT NULL ORDER BY id LIMIT 1))`;

const storedAnswer = z.object({ temperature: z.number(), symptoms: z.string().nullable() });

/** Query parameters $1 and $2 of every scoped query. */
export type ScopeParams = [number[], boolean];

async function residentsIn(q: Queryable, scope: ScopeParams, window: DigestWindow): Promise<ResidentDigestRow[]> {
  const rows = await q.query<{ person_id: number; first_at: Date }>(
    `WITH ${currentRoom}
     SELECT r.person_id, min(r.created_at) AS first_at
     FROM reports r LEFT JOIN current_room cr ON cr.person_id = r.person_id
     WHERE r.form_id = 'registration' AND r.created_at < $3 AND ${inScope('cr.room_id')}
     GROUP BY r.person_id ORDER BY r.person_id`,
    [...scope, window.end],
  );
  return rows.map((row) => ({ personId: row.person_id, firstRegisteredAt: row.first_at }));
}

async function observedOn(q: Queryable, scope: ScopeParams, window: DigestWindow): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `WITH ${currentRoom}
     SELECT count(DISTINCT o.person_id)::int AS n
     FROM observations o LEFT JOIN current_room cr ON cr.person_id = o.person_id
     WHERE o.starts_on <= $3 AND o.ends_on >= $3 AND (o.ended_early_on IS NULL OR o.ended_early_on > $3)
       AND ${inScope('cr.room_id')}`,
    [...scope, window.day],
  );
  return rows[0]?.n ?? 0;
}

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
    `WITH ${currentRoom}
     SELECT c.person_id, ${nameOf('p')} AS name, cr.room_id, c.chat_id, c.reminded_at, c.answered_at, c.answer_enc
     FROM checkins c JOIN persons p ON p.id = c.person_id LEFT JOIN current_room cr ON cr.person_id = c.person_id
     WHERE c.day = $3 AND ${inScope('cr.room_id')}
     ORDER BY c.person_id`,
    [...scope, window.day],
  );
}

/** Requests for help not yet handled; placed where they were asked from, else where the person lives. */
async function openHelpRequests(q: Queryable, scope: ScopeParams, window: DigestWindow) {
  return q.query<{ person_id: number; name: string | null; area_id: number | null; created_at: Date }>(
    `WITH ${currentRoom}
     SELECT h.person_id, ${nameOf('p')} AS name, coalesce(h.area_id, cr.room_id) AS area_id, h.created_at
     FROM help_requests h JOIN persons p ON p.id = h.person_id LEFT JOIN current_room cr ON cr.person_id = h.person_id
     WHERE h.handled_at IS NULL AND h.created_at < $3 AND ${inScope('coalesce(h.area_id, cr.room_id)')}
     ORDER BY h.created_at, h.id`,
    [...scope, window.end],
  );
}

/**
 * Tenants on the latest list of each landlord with no registration of their own. A list belongs
 * where it was pasted (the group's place), else where the landlord lives.
 */
async function unregisteredTenantsIn(q: Queryable, scope: ScopeParams): Promise<TenantDigestRow[]> {
  const rows = await q.query<{ name: string | null; room_raw: string | null; landlord: string | null }>(
    `WITH ${currentRoom},
     latest AS (
       SELECT DISTINCT ON (v.roster_id) v.roster_id, v.id FROM roster_versions v ORDER BY v.roster_id, v.version DESC)
     SELECT e.name, e.room_raw, ${nameOf('owner')} AS landlord
     FROM rosters r JOIN latest ON latest.roster_id = r.id
     JOIN roster_entries e ON e.version_id = latest.id AND e.action <> 'remove'
     JOIN persons owner ON owner.id = r.owner_person_id
     LEFT JOIN current_room cr ON cr.person_id = r.owner_person_id
     WHERE r.kind = 'landlord' AND ${inScope('coalesce(r.area_id, cr.room_id)')}
       AND (e.person_id IS NULL OR NOT EXISTS (
             SELECT 1 FROM reports x WHERE x.form_id = 'registration' AND x.person_id = e.person_id))
     ORDER BY r.id, e.line_no, e.id`,
    scope,
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

export async function loadDigestRows(q: Queryable, cipher: FieldCipher, scope: DigestScope, window: DigestWindow): Promise<DigestRows> {
  const params: ScopeParams = [scope.areaIds, scope.communityWide];
  const checkins = await checkinsOn(q, params, window);
  const help = await openHelpRequests(q, params, window);
  const shops = scope.marketIds.length > 0 ? await shopStatusesFor(q, cipher, scope.marketIds, window.day) : [];
  const places = await placesOf(q, [...checkins.map((row) => row.room_id), ...help.map((row) => row.area_id)]);
  const placeOf = (id: number | null) => (id === null ? null : (places.get(id) ?? null));
  return {
    residents: await residentsIn(q, params, window),
    underObservation: await observedOn(q, params, window),
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
    unregisteredTenants: await unregisteredTenantsIn(q, params),
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
