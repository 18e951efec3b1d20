import { z } from 'zod';
import { campaignsReaching } from '../../../reports/campaign-status.ts';
import { campaignSettingsSchema, type Campaign } from '../../../store/campaigns.ts';
import { campaignAreaIds } from '../../../store/campaign-coverage.ts';
import { communitiesOf } from '../../../store/areas.ts';
import type { Queryable } from '../../../store/db.ts';
import type { DigestScope, ScopePlace } from '../../../store/digest-scope.ts';
import { areasInScope, NoticeScopeError, parseNoticeScope } from '../../../store/notice-scope.ts';

/**
 * A staff member's campaigns: a scope they write is checked against their own places, and they
 * see (and end) the campaigns that reach them.
 */
export type CampaignScopeCheck =
  | { ok: true; scope: string; communityId: number; areaIds: number[] }
  | { ok: false; kind: 'unreadable'; problem: string }
  | { ok: false; kind: 'outside'; places: string[] }
  | { ok: false; kind: 'communities' | 'empty' };

/** A staff role's place written as a scope: site:NAME, building:SITE/BUILDING, grid:NAME; the community is all. */
function placeScope(place: ScopePlace): string {
  if (place.kind === 'grid') return `grid:${place.name}`;
  const [, site, building] = place.path;
  if (!site) return 'all';
  return building ? `building:${site}/${building}` : `site:${site}`;
}

/** The names of the topmost places of `areaIds` (a site rather than each of its rooms). */
async function topNames(q: Queryable, areaIds: readonly number[]): Promise<string[]> {
  const rows = await q.query<{ name: string }>(
    `SELECT a.name FROM areas a WHERE a.id = ANY($1::bigint[]) AND (a.parent_id IS NULL OR NOT a.parent_id = ANY($1::bigint[])) ORDER BY a.id LIMIT 10`,
    [[...areaIds]],
  );
  return rows.map((row) => row.name);
}

/** A scope as a staff member writes it, within their places: 全部 means all of theirs. */
export async function checkCampaignScope(q: Queryable, text: string, staff: DigestScope): Promise<CampaignScopeCheck> {
  let scope = text.trim();
  let places: Set<number> | 'all';
  try {
    places = await areasInScope(q, parseNoticeScope(scope));
  } catch (error) {
    if (error instanceof NoticeScopeError || error instanceof z.ZodError) return { ok: false, kind: 'unreadable', problem: error.message };
    throw error;
  }
  let scoped: number[];
  if (places === 'all') {
    scope = staff.communityWide ? 'all' : staff.places.map(placeScope).join(', ');
    scoped = staff.areaIds;
  } else {
    const allowed = new Set(staff.areaIds);
    const outside = [...places].filter((id) => !allowed.has(id));
    if (outside.length > 0) return { ok: false, kind: 'outside', places: await topNames(q, outside) };
    scoped = [...places];
  }
  const communities = await communitiesOf(q, scoped);
  const [communityId] = communities;
  if (communityId === undefined) return { ok: false, kind: 'empty' };
  if (communities.length > 1) return { ok: false, kind: 'communities' };
  const areaIds = await campaignAreaIds(q, { communityId, settings: campaignSettingsSchema.parse({ scope }) });
  const rooms = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM areas WHERE kind = 'room' AND id = ANY($1::bigint[])`, [areaIds]);
  if ((rooms[0]?.n ?? 0) === 0) return { ok: false, kind: 'empty' };
  return { ok: true, scope, communityId, areaIds };
}

/** The campaigns that reach a staff member's places, the latest first. */
export const campaignsOfStaff = (q: Queryable, staff: DigestScope): Promise<Campaign[]> => campaignsReaching(q, staff.areaIds);

/** Whether a staff member may end a campaign: every place of it is theirs, or they started it. */
export async function mayEnd(q: Queryable, campaign: Campaign, staff: DigestScope): Promise<boolean> {
  if (campaign.createdByPersonId === staff.personId) return true;
  const allowed = new Set(staff.areaIds);
  return (await campaignAreaIds(q, campaign)).every((id) => allowed.has(id));
}
