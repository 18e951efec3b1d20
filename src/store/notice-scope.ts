import { z } from 'zod';
import { descendantIds, gridAreaIds } from './areas.ts';
import { toChatRecord, type ChatRecord, type ChatRow } from './chats.ts';
import type { Queryable } from './db.ts';

/**
 * Which chats a notice goes to: `all`, `community:NAME`, `site:NAME`, `building:SITE/BUILDING`,
 * `grid:NAME`, `kind:building|market|staff`, several joined by commas (a chat in any of them).
 * Only chats bound to a place are reached; private chats never.
 */
export type NoticeScopePart =
  | { kind: 'all' }
  | { kind: 'community' | 'site' | 'grid'; name: string }
  | { kind: 'building'; site: string; building: string }
  | { kind: 'chat-kind'; chatKind: 'building' | 'market' | 'staff' };

export class NoticeScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoticeScopeError';
  }
}

const allWords = new Set(['all', '全部', '所有', '所有群', '全部群', '全部群聊', '所有群聊']);
const chatKindWords: Record<string, 'building' | 'market' | 'staff'> = {
  building: 'building',
  楼栋群: 'building',
  market: 'market',
  市场群: 'market',
  staff: 'staff',
  工作群: 'staff',
};
const partSchema = z.string().trim().min(1).max(200);

function readPart(text: string): NoticeScopePart {
  const part = partSchema.parse(text);
  if (allWords.has(part.toLowerCase())) return { kind: 'all' };
  const colon = part.search(/[:：]/);
  const key = colon < 0 ? '' : part.slice(0, colon).trim().toLowerCase();
  const value = colon < 0 ? part : part.slice(colon + 1).trim();
  if (value === '') throw new NoticeScopeError(`"${part}" names nothing after the colon`);
  if (key === 'community' || key === 'site' || key === 'grid') return { kind: key, name: value };
  if (key === 'building') {
    const [site, building, ...rest] = value.split('/').map((name) => name.trim());
    if (!site || !building || rest.length > 0) throw new NoticeScopeError(`building:${value} is written building:SITE/BUILDING`);
    return { kind: 'building', site, building };
  }
  if (key === 'kind') {
    const chatKind = chatKindWords[value.toLowerCase()];
    if (!chatKind) throw new NoticeScopeError(`kind:${value} is not one of building, market, staff`);
    return { kind: 'chat-kind', chatKind };
  }
  const bareKind = chatKindWords[part.toLowerCase()];
  if (bareKind) return { kind: 'chat-kind', chatKind: bareKind };
  if (key !== '') throw new NoticeScopeError(`"${key}:" is not a scope; use all, community:, site:, building:, grid: or kind:`);
  // A place as people name it: 保利紫山 (a site) or 保利紫山/3栋 (a building).
  const [site, building] = part.split('/').map((name) => name.trim());
  if (site && building) return { kind: 'building', site, building };
  return { kind: 'site', name: part };
}

/** Reads a scope as staff write it; NoticeScopeError says what is wrong. */
export function parseNoticeScope(text: string): NoticeScopePart[] {
  const parts = text.split(/[,，、]/).filter((part) => part.trim() !== '');
  if (parts.length === 0) throw new NoticeScopeError('the scope is empty; use all, community:NAME, site:NAME, building:SITE/BUILDING, grid:NAME or kind:KIND');
  return parts.map(readPart);
}

async function areaIdsNamed(q: Queryable, kind: 'community' | 'site', name: string): Promise<number[]> {
  const rows = await q.query<{ id: number }>('SELECT id FROM areas WHERE kind = $1 AND name = $2 ORDER BY id', [kind, name]);
  return rows.map((row) => row.id);
}

async function rootsOf(q: Queryable, part: Exclude<NoticeScopePart, { kind: 'all' } | { kind: 'chat-kind' }>): Promise<number[]> {
  switch (part.kind) {
    case 'community':
    case 'site':
      return areaIdsNamed(q, part.kind, part.name);
    case 'building': {
      const rows = await q.query<{ id: number }>(
        `SELECT b.id FROM areas b JOIN areas s ON s.id = b.parent_id
         WHERE b.kind = 'building' AND b.name = $2 AND s.kind = 'site' AND s.name = $1`,
        [part.site, part.building],
      );
      return rows.map((row) => row.id);
    }
    case 'grid': {
      const grids = await q.query<{ id: number }>('SELECT id FROM grids WHERE name = $1', [part.name]);
      const ids: number[] = [];
      for (const grid of grids) ids.push(...(await gridAreaIds(q, grid.id)));
      return ids;
    }
  }
}

/**
 * The places a scope names, with everything under them; 'all' when it names everything. Chat
 * kinds name no place. NoticeScopeError when a named place does not exist.
 */
export async function areasInScope(q: Queryable, parts: readonly NoticeScopePart[]): Promise<Set<number> | 'all'> {
  if (parts.some((part) => part.kind === 'all')) return 'all';
  const areaIds = new Set<number>();
  for (const part of parts) {
    if (part.kind === 'all' || part.kind === 'chat-kind') continue;
    const roots = await rootsOf(q, part);
    if (roots.length === 0) {
      const named = part.kind === 'building' ? `${part.site}/${part.building}` : part.name;
      throw new NoticeScopeError(`no ${part.kind} named ${named}`);
    }
    for (const root of roots) for (const id of await descendantIds(q, root)) areaIds.add(id);
  }
  return areaIds;
}

/** A group a notice reaches: always bound to a place. */
export type ScopedChat = ChatRecord & { areaId: number };

/** What a scope reaches: every bound group chat in it, within `allowedAreaIds` when given (a staff member's scope). */
export async function chatsInScope(
  q: Queryable,
  parts: readonly NoticeScopePart[],
  allowedAreaIds?: readonly number[],
): Promise<{ chats: ScopedChat[]; outside: ScopedChat[] }> {
  const areaIds = await areasInScope(q, parts);
  const kinds = new Set(parts.flatMap((part) => (part.kind === 'chat-kind' ? [part.chatKind] : [])));
  const rows = await q.query<ChatRow & { area_id: number }>(
    `SELECT id, platform, platform_chat_id, kind, title, area_id FROM chats
     WHERE kind <> 'private' AND area_id IS NOT NULL AND bound_at IS NOT NULL
       AND ($1::boolean OR area_id = ANY($2::bigint[]) OR kind = ANY($3::text[]))
     ORDER BY id`,
    [areaIds === 'all', areaIds === 'all' ? [] : [...areaIds], [...kinds]],
  );
  const all = rows.map((row) => ({ ...toChatRecord(row), areaId: row.area_id }));
  if (!allowedAreaIds) return { chats: all, outside: [] };
  const allowed = new Set(allowedAreaIds);
  return { chats: all.filter((chat) => allowed.has(chat.areaId)), outside: all.filter((chat) => !allowed.has(chat.areaId)) };
}

export type ScopeCheck =
  | { ok: true; chats: ScopedChat[] }
  | { ok: false; kind: 'unreadable'; problem: string }
  | { ok: false; kind: 'outside'; chats: ScopedChat[] }
  | { ok: false; kind: 'empty' };

/**
 * The chats a scope reaches for someone allowed `allowedAreaIds` (a staff member's areas;
 * undefined for the command line without --by). A scope that reaches beyond is refused whole,
 * so that staff learn which chats are not theirs rather than send to fewer than they think.
 */
export async function checkNoticeScope(q: Queryable, text: string, allowedAreaIds?: readonly number[]): Promise<ScopeCheck> {
  let parts: NoticeScopePart[];
  try {
    parts = parseNoticeScope(text);
  } catch (error) {
    if (error instanceof NoticeScopeError || error instanceof z.ZodError) return { ok: false, kind: 'unreadable', problem: error.message };
    throw error;
  }
  let found: { chats: ScopedChat[]; outside: ScopedChat[] };
  try {
    found = await chatsInScope(q, parts, allowedAreaIds);
  } catch (error) {
    if (error instanceof NoticeScopeError) return { ok: false, kind: 'unreadable', problem: error.message };
    throw error;
  }
  // "all" from someone with a narrower scope means all of theirs.
  const everything = parts.some((part) => part.kind === 'all');
  if (found.outside.length > 0 && !everything) return { ok: false, kind: 'outside', chats: found.outside };
  if (found.chats.length === 0) return { ok: false, kind: 'empty' };
  return { ok: true, chats: found.chats };
}

/** The community a place lies in. */
export async function communityOfArea(q: Queryable, areaId: number): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id FROM areas WHERE id = $1
       UNION ALL SELECT a.id, a.parent_id FROM areas a JOIN up ON a.id = up.parent_id)
     SELECT id FROM up WHERE parent_id IS NULL`,
    [areaId],
  );
  const row = rows[0];
  if (!row) throw new Error(`area ${areaId} has no community`);
  return row.id;
}
