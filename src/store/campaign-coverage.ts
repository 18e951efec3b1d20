import { descendantIds } from './areas.ts';
import type { Campaign } from './campaigns.ts';
import type { Queryable } from './db.ts';
import { areasInScope, parseNoticeScope } from './notice-scope.ts';
import { localInstant } from '../time.ts';

/**
 * How far a campaign has counted each building: rooms known (setup and registry), rooms with a
 * person registered in this campaign, rooms a resident or staff marked empty or away, and the
 * room numbers still open, which is what the groups are prompted with (never names).
 */
export interface BuildingCount {
  buildingId: number;
  siteId: number;
  site: string;
  building: string;
  roomsKnown: number;
  /** Rooms where someone living there registered in this campaign. */
  roomsCounted: number;
  /** Rooms not counted but marked: accounted for all the same. */
  roomsEmpty: number;
  roomsAway: number;
  persons: number;
  /** Unit and room (1单元101, or 101 without units) of the rooms still open, in building order. */
  uncounted: string[];
}

/** Rooms accounted for: counted or marked. */
export const roomsAccounted = (count: Pick<BuildingCount, 'roomsCounted' | 'roomsEmpty' | 'roomsAway'>): number =>
  count.roomsCounted + count.roomsEmpty + count.roomsAway;

/** The places of a campaign: its scope, within its community. */
export async function campaignAreaIds(q: Queryable, campaign: Pick<Campaign, 'communityId' | 'settings'>): Promise<number[]> {
  const community = await descendantIds(q, campaign.communityId);
  const scoped = await areasInScope(q, parseNoticeScope(campaign.settings.scope));
  return scoped === 'all' ? community : community.filter((id) => scoped.has(id));
}

interface RoomRow extends Record<string, unknown> {
  room_id: number;
  label: string;
  building_id: number;
  building: string;
  site_id: number;
  site: string;
  persons: number;
  mark: 'empty' | 'away' | null;
}

/**
 * The count of each building in the campaign's scope as of `now` (default: the database's now).
 * A resident's mark counts when it was made since the campaign started; a mark from staff or the
 * setup counts always.
 */
export async function countBuildings(
  q: Queryable,
  campaign: Campaign,
  options: { timeZone: string; day: string; now?: Date; areaIds?: readonly number[] },
): Promise<BuildingCount[]> {
  const areaIds = options.areaIds ?? (await campaignAreaIds(q, campaign));
  const started = localInstant(campaign.startsOn, 0, 0, options.timeZone);
  const rows = await q.query<RoomRow>(
    `WITH rooms AS (
       SELECT r.id, coalesce(u.name, '') || r.name AS label, b.id AS building_id, b.name AS building,
              s.id AS site_id, s.name AS site, u.id AS unit_id
       FROM areas r JOIN areas p ON p.id = r.parent_id
       LEFT JOIN areas u ON u.id = p.id AND p.kind = 'unit'
       JOIN areas b ON b.id = CASE WHEN p.kind = 'unit' THEN p.parent_id ELSE p.id END
       JOIN areas s ON s.id = b.parent_id
       WHERE r.kind = 'room' AND r.id = ANY($1::bigint[]) AND r.created_at < $3),
     registered AS (
       SELECT o.room_id, count(DISTINCT o.person_id)::int AS persons FROM occupancies o
       WHERE o.room_id = ANY($1::bigint[]) AND o.created_at < $3 AND (o.until IS NULL OR o.until > $4::date)
         AND EXISTS (SELECT 1 FROM reports x WHERE x.person_id = o.person_id AND x.campaign_id = $2 AND x.created_at < $3)
       GROUP BY o.room_id),
     marks AS (
       SELECT room_id, state FROM room_marks
       WHERE room_id = ANY($1::bigint[]) AND marked_at < $3 AND (source <> 'resident' OR marked_at >= $5))
     SELECT rooms.id AS room_id, rooms.label, rooms.building_id, rooms.building, rooms.site_id, rooms.site,
            coalesce(registered.persons, 0) AS persons, marks.state AS mark
     FROM rooms LEFT JOIN registered ON registered.room_id = rooms.id LEFT JOIN marks ON marks.room_id = rooms.id
     ORDER BY rooms.site_id, rooms.building_id, rooms.unit_id NULLS FIRST, rooms.id`,
    [[...areaIds], campaign.id, options.now ?? new Date(), options.day, started],
  );
  const buildings = new Map<number, BuildingCount>();
  for (const row of rows) {
    let count = buildings.get(row.building_id);
    if (!count) {
      count = {
        buildingId: row.building_id,
        siteId: row.site_id,
        site: row.site,
        building: row.building,
        roomsKnown: 0,
        roomsCounted: 0,
        roomsEmpty: 0,
        roomsAway: 0,
        persons: 0,
        uncounted: [],
      };
      buildings.set(row.building_id, count);
    }
    count.roomsKnown += 1;
    count.persons += row.persons;
    if (row.persons > 0) count.roomsCounted += 1;
    else if (row.mark === 'empty') count.roomsEmpty += 1;
    else if (row.mark === 'away') count.roomsAway += 1;
    else count.uncounted.push(row.label);
  }
  return [...buildings.values()];
}

/** Keeps the day's count of each building, for the trend; a second count on the same day replaces it. */
export async function recordCampaignDay(q: Queryable, campaignId: number, day: string, buildings: readonly BuildingCount[]): Promise<void> {
  if (buildings.length === 0) return;
  await q.query(
    `INSERT INTO campaign_days (campaign_id, day, building_id, rooms_known, rooms_counted, rooms_marked, persons)
     SELECT $1, $2::date, b, k, c, m, p
     FROM unnest($3::bigint[], $4::int[], $5::int[], $6::int[], $7::int[]) AS t(b, k, c, m, p)
     ON CONFLICT (campaign_id, day, building_id) DO UPDATE
       SET rooms_known = EXCLUDED.rooms_known, rooms_counted = EXCLUDED.rooms_counted,
           rooms_marked = EXCLUDED.rooms_marked, persons = EXCLUDED.persons`,
    [
      campaignId,
      day,
      buildings.map((b) => b.buildingId),
      buildings.map((b) => b.roomsKnown),
      buildings.map((b) => b.roomsCounted),
      buildings.map((b) => b.roomsEmpty + b.roomsAway),
      buildings.map((b) => b.persons),
    ],
  );
}

export interface CampaignDay {
  day: string;
  roomsKnown: number;
  roomsCounted: number;
  roomsMarked: number;
  persons: number;
}

/** The campaign's whole count by day, from the counts kept each day; within `buildingIds` when given. */
export async function campaignTrend(q: Queryable, campaignId: number, buildingIds?: readonly number[]): Promise<CampaignDay[]> {
  const rows = await q.query<{ day: string; known: number; counted: number; marked: number; persons: number }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(rooms_known)::int AS known, sum(rooms_counted)::int AS counted,
            sum(rooms_marked)::int AS marked, sum(persons)::int AS persons
     FROM campaign_days WHERE campaign_id = $1 AND ($2::bigint[] IS NULL OR building_id = ANY($2::bigint[]))
     GROUP BY day ORDER BY day`,
    [campaignId, buildingIds ? [...buildingIds] : null],
  );
  return rows.map((row) => ({ day: row.day, roomsKnown: row.known, roomsCounted: row.counted, roomsMarked: row.marked, persons: row.persons }));
}
