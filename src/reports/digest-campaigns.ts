import { addDays, format, parseISO } from 'date-fns';
import type ExcelJS from 'exceljs';
import { t } from '../dialogs/messages/index.ts';
import type { Queryable } from '../store/db.ts';
import { percent } from './campaign-status-text.ts';
import { campaignsReaching, campaignStatus, type CampaignStatus } from './campaign-status.ts';

/**
 * The staff digest's campaigns: each one running in the staff member's places, or ended in the
 * last week, counted within those places: rooms counted of rooms known, marked empty or away,
 * persons, the change since yesterday, the final count of an ended one, and the day its personal
 * data is deleted. Room numbers at most (in the workbook); never a name.
 */
export type CampaignDigest = Omit<CampaignStatus, 'groups' | 'trend'>;

/** An ended campaign stays in the digest this many days, with its final count. */
const endedShownDays = 7;

export async function campaignsForDigest(
  q: Queryable,
  areaIds: readonly number[],
  request: { day: string; timeZone: string; now: Date },
): Promise<CampaignDigest[]> {
  const since = format(addDays(parseISO(request.day), -endedShownDays), 'yyyy-MM-dd');
  const shown: CampaignDigest[] = [];
  for (const campaign of await campaignsReaching(q, areaIds)) {
    if (campaign.startsOn > request.day || campaign.purgedAt !== null) continue;
    const status = await campaignStatus(q, campaign, { timeZone: request.timeZone, today: request.day, now: request.now, within: areaIds, groups: false });
    if (status.state === 'ended' && (status.endsOn === null || status.endsOn < since)) continue;
    const { groups: _groups, trend: _trend, ...digest } = status;
    shown.push(digest);
  }
  return shown;
}

/** The digest's lines on campaigns; nothing when there are none. */
export function campaignsSection(campaigns: readonly CampaignDigest[], lang: string): string[] {
  if (campaigns.length === 0) return [];
  const lines = [t(lang, 'digest.campaigns', { count: campaigns.length })];
  for (const campaign of campaigns) {
    const params = {
      campaign: campaign.campaign,
      counted: campaign.roomsCounted,
      known: campaign.roomsKnown,
      coverage: percent(campaign.coverage),
      empty: campaign.roomsEmpty,
      away: campaign.roomsAway,
      persons: campaign.persons,
      endsOn: campaign.endsOn ?? '',
    };
    if (campaign.state === 'ended') {
      lines.push(t(lang, 'digest.campaigns.ended', params));
    } else {
      const change = campaign.changeSinceYesterday === null ? '' : t(lang, 'digest.campaigns.change', { change: campaign.changeSinceYesterday });
      lines.push(t(lang, 'digest.campaigns.running', params) + change);
    }
    lines.push(
      campaign.purgeOn === null
        ? t(lang, 'digest.campaigns.purge-open', { days: campaign.retentionDays })
        : t(lang, 'digest.campaigns.purge', { day: campaign.purgeOn }),
    );
  }
  return lines;
}

/** The workbook's sheet: a row per campaign and building, its open room numbers, and each campaign's total. */
export function addCampaignSheet(workbook: ExcelJS.Workbook, campaigns: readonly CampaignDigest[], lang: string): void {
  if (campaigns.length === 0) return;
  const sheet = workbook.addWorksheet(t(lang, 'digest.campaigns.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = ['campaign', 'state', 'building', 'known', 'counted', 'empty', 'away', 'persons', 'coverage', 'purgeOn', 'uncounted'] as const;
  sheet.columns = header.map((key) => ({ header: t(lang, `digest.campaigns.col.${key}`), width: key === 'uncounted' ? 48 : key === 'campaign' ? 20 : 12 }));
  sheet.getRow(1).font = { bold: true };
  for (const campaign of campaigns) {
    const state = t(lang, `campaign.cmd.state.${campaign.state}`);
    const row = (building: string, count: Pick<CampaignDigest, 'roomsKnown' | 'roomsCounted' | 'roomsEmpty' | 'roomsAway' | 'persons' | 'coverage'>, open: string | null) => [
      campaign.campaign, state, building, count.roomsKnown, count.roomsCounted, count.roomsEmpty, count.roomsAway, count.persons, percent(count.coverage), campaign.purgeOn, open,
    ];
    sheet.addRows(campaign.buildings.map((building) => row(`${building.site}${building.building}`, building, building.uncounted.join('、') || null)));
    sheet.addRow(row(t(lang, 'digest.campaigns.all'), campaign, null)).font = { bold: true };
  }
}
