import type { BuildingCount } from './campaign-coverage.ts';
import { campaignAreaIds } from './campaign-coverage.ts';
import type { Campaign } from './campaigns.ts';
import { toChatRecord, type ChatRow } from './chats.ts';
import type { Queryable } from './db.ts';
import type { ScopedChat } from './notice-scope.ts';

/** A group a campaign reaches, and where the drive stands in it. */
export interface CampaignGroup {
  chat: ScopedChat;
  announcedAt: Date | null;
  pausedAt: Date | null;
  completedAt: Date | null;
  closedAt: Date | null;
}

interface GroupRow extends ChatRow {
  area_id: number;
  announced_at: Date | null;
  paused_at: Date | null;
  completed_at: Date | null;
  closed_at: Date | null;
}

/**
 * The groups of a campaign: every bound group chat (not staff chats, not private ones) whose
 * place lies in the campaign's scope. A group bound later joins the campaign when next asked.
 */
export async function campaignGroups(q: Queryable, campaign: Campaign, areaIds?: readonly number[]): Promise<CampaignGroup[]> {
  const places = areaIds ?? (await campaignAreaIds(q, campaign));
  await q.query(
    `INSERT INTO campaign_chats (campaign_id, chat_id)
     SELECT $1, id FROM chats WHERE kind IN ('building', 'group', 'market') AND bound_at IS NOT NULL AND area_id = ANY($2::bigint[])
     ON CONFLICT DO NOTHING`,
    [campaign.id, [...places]],
  );
  const rows = await q.query<GroupRow>(
    `SELECT c.id, c.platform, c.platform_chat_id, c.kind, c.title, c.area_id,
            g.announced_at, g.paused_at, g.completed_at, g.closed_at
     FROM campaign_chats g JOIN chats c ON c.id = g.chat_id
     WHERE g.campaign_id = $1 AND c.bound_at IS NOT NULL AND c.area_id = ANY($2::bigint[])
     ORDER BY c.id`,
    [campaign.id, [...places]],
  );
  return rows.map((row) => ({
    chat: { ...toChatRecord(row), areaId: row.area_id },
    announcedAt: row.announced_at,
    pausedAt: row.paused_at,
    completedAt: row.completed_at,
    closedAt: row.closed_at,
  }));
}

/** Stops or resumes the prompts of one group; false when the group is not in the campaign. */
export async function pauseCampaignGroup(q: Queryable, campaignId: number, chatId: number, paused: boolean): Promise<boolean> {
  const rows = await q.query(
    `UPDATE campaign_chats SET paused_at = CASE WHEN $3 THEN coalesce(paused_at, now()) ELSE NULL END
     WHERE campaign_id = $1 AND chat_id = $2 RETURNING chat_id`,
    [campaignId, chatId, paused],
  );
  return rows.length > 0;
}

/** Marks a step of the drive done in a group, once: true only for the call that did it. */
export async function markGroup(
  q: Queryable,
  campaignId: number,
  chatId: number,
  step: 'announced_at' | 'completed_at' | 'closed_at',
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE campaign_chats SET ${step} = now() WHERE campaign_id = $1 AND chat_id = $2 AND ${step} IS NULL RETURNING chat_id`,
    [campaignId, chatId],
  );
  return rows.length > 0;
}

/**
 * The buildings a group speaks for: those under its place (a building group, a site group), or
 * the building above it (a group bound to one unit speaks for its building).
 */
export async function buildingsOfGroup(q: Queryable, chat: ScopedChat, buildings: readonly BuildingCount[]): Promise<BuildingCount[]> {
  const rows = await q.query<{ id: number }>(
    `WITH RECURSIVE down AS (
       SELECT id, kind FROM areas WHERE id = $1
       UNION ALL SELECT a.id, a.kind FROM areas a JOIN down ON a.parent_id = down.id WHERE down.kind IN ('community', 'site')),
     up AS (
       SELECT id, parent_id, kind FROM areas WHERE id = $1
       UNION ALL SELECT a.id, a.parent_id, a.kind FROM areas a JOIN up ON a.id = up.parent_id WHERE up.kind IN ('unit', 'room'))
     SELECT id FROM down WHERE kind = 'building' UNION SELECT id FROM up WHERE kind = 'building'`,
    [chat.areaId],
  );
  const ids = new Set(rows.map((row) => row.id));
  return buildings.filter((building) => ids.has(building.buildingId));
}
