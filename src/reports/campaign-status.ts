import { addDays, format, parseISO } from 'date-fns';
import { buildingsOfGroup, campaignGroups } from '../store/campaign-chats.ts';
import { campaignAreaIds, campaignTrend, countBuildings, roomsAccounted, type BuildingCount, type CampaignDay } from '../store/campaign-coverage.ts';
import { listCampaigns, type Campaign } from '../store/campaigns.ts';
import { communitiesOf } from '../store/areas.ts';
import type { Queryable } from '../store/db.ts';

/**
 * Where a campaign stands, as `linli campaign status --json`, /campaign status and the staff
 * digest all show it: per building and per group, rooms counted against rooms known, persons
 * registered, rooms marked empty or away, the trend by day, and when its personal data goes.
 * Room numbers only; never a name.
 */
export type CampaignState = 'scheduled' | 'running' | 'ended';

export interface CampaignCounts {
  roomsKnown: number;
  /** Rooms where someone living there registered in the campaign. */
  roomsCounted: number;
  /** Rooms not counted but marked empty, or the household away: accounted for all the same. */
  roomsEmpty: number;
  roomsAway: number;
  persons: number;
  /** Rooms accounted for (counted, empty or away) over rooms known, 0 to 1; 0 when none are known. */
  coverage: number;
}

export interface CampaignBuildingStatus extends CampaignCounts {
  site: string;
  building: string;
  /** The open rooms' numbers (1单元101, or 101 without units), as the groups are prompted with them. */
  uncounted: string[];
}

export interface CampaignGroupStatus extends CampaignCounts {
  chat: string;
  platform: string;
  platformChatId: string;
  buildings: string[];
  announced: boolean;
  paused: boolean;
  /** Every room of its buildings accounted for: thanked, no more prompts. */
  completed: boolean;
}

export interface CampaignStatus extends CampaignCounts {
  campaign: string;
  campaignId: number;
  community: string;
  form: string;
  scope: string;
  state: CampaignState;
  startsOn: string;
  endsOn: string | null;
  /** The day its personal data is deleted or anonymised: its end plus the retention; null while it has no end. */
  purgeOn: string | null;
  /** Days its personal data is kept after the end. */
  retentionDays: number;
  purged: boolean;
  /** Rooms accounted for since the count kept for yesterday; null when none was kept. */
  changeSinceYesterday: number | null;
  buildings: CampaignBuildingStatus[];
  groups: CampaignGroupStatus[];
  /** The count by day: the counts kept each day, and today's as it stands while the campaign runs. */
  trend: CampaignDay[];
}

export interface StatusOptions {
  timeZone: string;
  today: string;
  now: Date;
  /** A staff member's areas: only the buildings and groups within them are counted. */
  within?: readonly number[];
  /** Leave the groups out (the digest counts buildings only). */
  groups?: boolean;
}

const dayAfter = (day: string, days: number) => format(addDays(parseISO(day), days), 'yyyy-MM-dd');

export function campaignState(campaign: Campaign, today: string): CampaignState {
  if (campaign.endedAt !== null || (campaign.endsOn !== null && campaign.endsOn < today)) return 'ended';
  return campaign.startsOn > today ? 'scheduled' : 'running';
}

/**
 * The day the daily purge deletes a campaign's personal data: the first day past its end plus the
 * retention (the purge takes campaigns whose ends_on + retention_days has passed).
 */
export const purgeDay = (campaign: Pick<Campaign, 'endsOn' | 'retentionDays'>): string | null =>
  campaign.endsOn === null ? null : dayAfter(campaign.endsOn, campaign.retentionDays + 1);

export function sumCounts(counts: readonly Omit<CampaignCounts, 'coverage'>[]): CampaignCounts {
  const total = { roomsKnown: 0, roomsCounted: 0, roomsEmpty: 0, roomsAway: 0, persons: 0 };
  for (const count of counts) {
    total.roomsKnown += count.roomsKnown;
    total.roomsCounted += count.roomsCounted;
    total.roomsEmpty += count.roomsEmpty;
    total.roomsAway += count.roomsAway;
    total.persons += count.persons;
  }
  const coverage = total.roomsKnown === 0 ? 0 : Math.round((roomsAccounted(total) / total.roomsKnown) * 1000) / 1000;
  return { ...total, coverage };
}

const buildingStatus = (count: BuildingCount): CampaignBuildingStatus => ({
  site: count.site,
  building: count.building,
  ...sumCounts([count]),
  uncounted: count.uncounted,
});

async function communityName(q: Queryable, id: number): Promise<string> {
  const rows = await q.query<{ name: string }>('SELECT name FROM areas WHERE id = $1', [id]);
  return rows[0]?.name ?? String(id);
}

/** The places of a campaign a reader sees: all of them, or those within a staff member's areas. */
export async function visibleAreaIds(q: Queryable, campaign: Campaign, within?: readonly number[]): Promise<number[]> {
  const places = await campaignAreaIds(q, campaign);
  if (!within) return places;
  const allowed = new Set(within);
  return places.filter((id) => allowed.has(id));
}

export async function campaignStatus(q: Queryable, campaign: Campaign, options: StatusOptions): Promise<CampaignStatus> {
  const state = campaignState(campaign, options.today);
  const areaIds = await visibleAreaIds(q, campaign, options.within);
  // An ended campaign's count is its final one: as it stood when it closed.
  const asOf = state === 'ended' && campaign.endedAt !== null ? campaign.endedAt : options.now;
  const day = state === 'ended' && campaign.endsOn !== null ? campaign.endsOn : options.today;
  const counts = await countBuildings(q, campaign, { timeZone: options.timeZone, day, now: asOf, areaIds });
  const groups: CampaignGroupStatus[] = [];
  for (const group of options.groups === false ? [] : await campaignGroups(q, campaign, areaIds)) {
    const served = await buildingsOfGroup(q, group.chat, counts);
    groups.push({
      chat: group.chat.title ?? group.chat.platformChatId,
      platform: group.chat.platform,
      platformChatId: group.chat.platformChatId,
      buildings: served.map((building) => `${building.site}/${building.building}`),
      ...sumCounts(served),
      announced: group.announcedAt !== null,
      paused: group.pausedAt !== null,
      completed: group.completedAt !== null,
    });
  }
  const total = sumCounts(counts);
  const recorded = await campaignTrend(q, campaign.id, counts.map((count) => count.buildingId));
  const trend = [...recorded];
  if (state === 'running' && !recorded.some((entry) => entry.day === options.today)) {
    trend.push({
      day: options.today,
      roomsKnown: total.roomsKnown,
      roomsCounted: total.roomsCounted,
      roomsMarked: total.roomsEmpty + total.roomsAway,
      persons: total.persons,
    });
  }
  const yesterday = recorded.find((entry) => entry.day === dayAfter(options.today, -1));
  return {
    campaign: campaign.name,
    campaignId: campaign.id,
    community: await communityName(q, campaign.communityId),
    form: campaign.formId,
    scope: campaign.settings.scope,
    state,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    purgeOn: purgeDay(campaign),
    retentionDays: campaign.retentionDays,
    purged: campaign.purgedAt !== null,
    ...total,
    changeSinceYesterday: yesterday && state === 'running' ? roomsAccounted(total) - yesterday.roomsCounted - yesterday.roomsMarked : null,
    buildings: counts.map(buildingStatus),
    groups,
    trend,
  };
}

/** The campaigns that reach any of `areaIds` (a staff member's places), the latest first. */
export async function campaignsReaching(q: Queryable, areaIds: readonly number[]): Promise<Campaign[]> {
  const campaigns = await listCampaigns(q, await communitiesOf(q, areaIds));
  if (campaigns.length === 0) return [];
  const allowed = new Set(areaIds);
  const reaching: Campaign[] = [];
  for (const campaign of campaigns) {
    if ((await campaignAreaIds(q, campaign)).some((id) => allowed.has(id))) reaching.push(campaign);
  }
  return reaching;
}
