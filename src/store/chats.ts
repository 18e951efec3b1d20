import { maybeOne, one, type Queryable } from './db.ts';

export const chatKinds = ['private', 'group', 'building', 'market', 'staff'] as const;
export type ChatKind = (typeof chatKinds)[number];

export interface ChatRecord {
  id: number;
  platform: string;
  platformChatId: string;
  kind: ChatKind;
  title: string | null;
  areaId: number | null;
}

export interface ChatRow extends Record<string, unknown> {
  id: number;
  platform: string;
  platform_chat_id: string;
  kind: ChatKind;
  title: string | null;
  area_id: number | null;
}

export const toChatRecord = (row: ChatRow): ChatRecord => ({
  id: row.id,
  platform: row.platform,
  platformChatId: row.platform_chat_id,
  kind: row.kind,
  title: row.title,
  areaId: row.area_id,
});

export interface ChatKey {
  platform: string;
  platformChatId: string;
  /** The kind a new chat gets; an existing chat keeps the kind its binding gave it. */
  kind: ChatKind;
  title?: string | null;
}

/** The chat of a platform's chat id, created on its first message (most messages come from a known chat: read first). */
export async function findOrCreateChat(q: Queryable, key: ChatKey): Promise<ChatRecord> {
  const known = await findChat(q, key.platform, key.platformChatId);
  if (known) return known;
  await q.query(
    `INSERT INTO chats (platform, platform_chat_id, kind, title) VALUES ($1, $2, $3, $4)
     ON CONFLICT (platform, platform_chat_id) DO NOTHING`,
    [key.platform, key.platformChatId, key.kind, key.title ?? null],
  );
  const row = await one<ChatRow>(q, 'SELECT * FROM chats WHERE platform = $1 AND platform_chat_id = $2', [
    key.platform,
    key.platformChatId,
  ]);
  return toChatRecord(row);
}

export async function getChat(q: Queryable, id: number): Promise<ChatRecord> {
  return toChatRecord(await one<ChatRow>(q, 'SELECT * FROM chats WHERE id = $1', [id]));
}

export async function findChat(q: Queryable, platform: string, platformChatId: string): Promise<ChatRecord | undefined> {
  const row = await maybeOne<ChatRow>(q, 'SELECT * FROM chats WHERE platform = $1 AND platform_chat_id = $2', [
    platform,
    platformChatId,
  ]);
  return row ? toChatRecord(row) : undefined;
}

export async function listChats(q: Queryable, platform?: string): Promise<ChatRecord[]> {
  const rows = platform
    ? await q.query<ChatRow>('SELECT * FROM chats WHERE platform = $1 ORDER BY id', [platform])
    : await q.query<ChatRow>('SELECT * FROM chats ORDER BY id');
  return rows.map(toChatRecord);
}
