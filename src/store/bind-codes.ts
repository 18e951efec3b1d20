import { randomInt } from 'node:crypto';
import { areaPath, getArea, type AreaRecord } from './areas.ts';
import { maybeOne, type Queryable } from './db.ts';
import type { StaffRecord } from './staff.ts';

/**
 * Bind codes: a chat is bound to a place by a short code that staff post in it, because a
 * platform's chat ids are not stable (WeChat) or not known in advance (a new Telegram group).
 */

/** Letters and digits that cannot be mistaken for one another: no 0/O, no 1/I. */
export const bindCodeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const bindCodeLength = 6;
export const bindChatKinds = ['building', 'market', 'staff', 'group'] as const;
export type BindChatKind = (typeof bindChatKinds)[number];

export interface BindCodeRecord {
  code: string;
  areaId: number;
  chatKind: BindChatKind;
  createdBy: number | null;
  expiresAt: Date;
  usedAt: Date | null;
  usedByChatId: number | null;
}

interface BindCodeRow extends Record<string, unknown> {
  code: string;
  area_id: number;
  chat_kind: BindChatKind;
  created_by: number | null;
  expires_at: Date;
  used_at: Date | null;
  used_by_chat_id: number | null;
}

const toRecord = (row: BindCodeRow): BindCodeRecord => ({
  code: row.code,
  areaId: row.area_id,
  chatKind: row.chat_kind,
  createdBy: row.created_by,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
  usedByChatId: row.used_by_chat_id,
});

export function randomBindCode(): string {
  return Array.from({ length: bindCodeLength }, () => bindCodeAlphabet.charAt(randomInt(bindCodeAlphabet.length))).join('');
}

/** A code as people type it (k7qx4m, "K7Q X4M") in the form it is stored; undefined if it cannot be one. */
export function normalizeBindCode(typed: string): string | undefined {
  const code = typed.replace(/[\s\-_]/g, '').toUpperCase();
  return code.length === bindCodeLength && [...code].every((char) => bindCodeAlphabet.includes(char)) ? code : undefined;
}

/** Why a kind of chat cannot serve this place, or undefined when it can (as a setup file's chats). */
export function bindKindProblem(kind: BindChatKind, area: AreaRecord): string | undefined {
  if (area.kind === 'room') return 'a chat serves a place bigger than a room';
  if (kind === 'building' && !['site', 'building', 'unit'].includes(area.kind)) return 'a building group serves a site, building or unit';
  if (kind === 'market' && area.siteKind !== 'market') return 'a market group serves a market site';
  return undefined;
}

/** The kind a code gets when none is asked for: a building's group, a market's, else a plain group. */
export function defaultBindKind(area: AreaRecord): BindChatKind {
  if (area.kind === 'building' || area.kind === 'unit') return 'building';
  if (area.siteKind === 'market') return 'market';
  return 'group';
}

export interface NewBindCode {
  areaId: number;
  chatKind: BindChatKind;
  /** The staff row that asked for it; null from the command line. */
  createdBy: number | null;
  ttlHours?: number;
  now?: Date;
}

export async function createBindCode(q: Queryable, options: NewBindCode): Promise<BindCodeRecord> {
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (options.ttlHours ?? 72) * 3_600_000);
  // About a billion codes: a collision with a stored one is rare, and simply drawn again.
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const row = await maybeOne<BindCodeRow>(
      q,
      `INSERT INTO bind_codes (code, area_id, chat_kind, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING RETURNING *`,
      [randomBindCode(), options.areaId, options.chatKind, options.createdBy, now, expiresAt],
    );
    if (row) return toRecord(row);
  }
  throw new Error('no free bind code found');
}

/** The code, locked for the caller's transaction, so that two chats cannot both use it. */
export async function lockBindCode(q: Queryable, code: string): Promise<BindCodeRecord | undefined> {
  const row = await maybeOne<BindCodeRow>(q, 'SELECT * FROM bind_codes WHERE code = $1 FOR UPDATE', [code]);
  return row ? toRecord(row) : undefined;
}

export async function markBindCodeUsed(q: Queryable, code: string, chatId: number, now: Date): Promise<void> {
  await q.query('UPDATE bind_codes SET used_at = $3, used_by_chat_id = $2 WHERE code = $1', [code, chatId, now]);
}

/** Binds a chat to a place as a kind of chat; a chat bound elsewhere moves, keeping its id and history. */
export async function bindChat(q: Queryable, chatId: number, areaId: number, kind: BindChatKind, now: Date): Promise<void> {
  await q.query('UPDATE chats SET area_id = $2, kind = $3, bound_at = $4 WHERE id = $1', [chatId, areaId, kind, now]);
}

export async function unbindChat(q: Queryable, chatId: number): Promise<void> {
  await q.query(`UPDATE chats SET area_id = NULL, kind = 'group', bound_at = NULL WHERE id = $1`, [chatId]);
}

/** The area and every area above it, up to the community. */
async function ancestorIds(q: Queryable, areaId: number): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id FROM areas WHERE id = $1
       UNION ALL
       SELECT a.id, a.parent_id FROM areas a JOIN up ON a.id = up.parent_id
     )
     SELECT id FROM up`,
    [areaId],
  );
  return rows.map((row) => row.id);
}

/**
 * The roles among `staff` whose scope reaches the area: an area scope reaches itself and all
 * below it; a grid scope reaches its areas and all below them.
 */
export async function rolesCovering(q: Queryable, staff: readonly StaffRecord[], areaId: number): Promise<StaffRecord[]> {
  if (staff.length === 0) return [];
  const above = new Set(await ancestorIds(q, areaId));
  const covering: StaffRecord[] = [];
  for (const role of staff) {
    if (role.scope.kind === 'area') {
      if (above.has(role.scope.areaId)) covering.push(role);
      continue;
    }
    const grid = await q.query<{ area_id: number }>('SELECT area_id FROM grid_areas WHERE grid_id = $1', [role.scope.gridId]);
    if (grid.some((row) => above.has(row.area_id))) covering.push(role);
  }
  return covering;
}

/** '幸福社区 / 保利紫山 / 3栋': how a place is named to people. */
export async function placeName(q: Queryable, areaId: number): Promise<string> {
  return (await areaPath(q, areaId)).join(' / ');
}

export async function getAreaOrThrow(q: Queryable, areaId: number): Promise<AreaRecord> {
  const area = await getArea(q, areaId);
  if (!area) throw new Error(`no area ${areaId}`);
  return area;
}

export interface ChatBinding {
  id: number;
  platform: string;
  platformChatId: string;
  title: string | null;
  kind: string;
  areaId: number | null;
  place: string[] | null;
  boundAt: Date | null;
}

/** Every chat with the place it serves, groups first; private chats only when asked for. */
export async function listChatBindings(q: Queryable, options: { withPrivate?: boolean } = {}): Promise<ChatBinding[]> {
  const rows = await q.query<{
    id: number;
    platform: string;
    platform_chat_id: string;
    title: string | null;
    kind: string;
    area_id: number | null;
    bound_at: Date | null;
  }>(
    `SELECT id, platform, platform_chat_id, title, kind, area_id, bound_at FROM chats
     WHERE $1::boolean OR kind <> 'private' ORDER BY kind = 'private', platform, id`,
    [options.withPrivate === true],
  );
  const bindings: ChatBinding[] = [];
  for (const row of rows) {
    bindings.push({
      id: row.id,
      platform: row.platform,
      platformChatId: row.platform_chat_id,
      title: row.title,
      kind: row.kind,
      areaId: row.area_id,
      place: row.area_id === null ? null : await areaPath(q, row.area_id),
      boundAt: row.bound_at,
    });
  }
  return bindings;
}
