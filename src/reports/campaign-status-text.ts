import { t } from '../dialogs/messages/index.ts';
import type { CampaignCounts, CampaignStatus } from './campaign-status.ts';

/**
 * A campaign's status as staff read it on a phone or a terminal: the whole count, then each
 * building with its open room numbers (a few, then how many more), each group, and the trend.
 */
const roomsShown = 12;
const trendDays = 7;

export const percent = (rate: number) => `${Math.round(rate * 100)}%`;

const countParams = (count: CampaignCounts) => ({
  counted: count.roomsCounted,
  known: count.roomsKnown,
  coverage: percent(count.coverage),
  empty: count.roomsEmpty,
  away: count.roomsAway,
  persons: count.persons,
});

/** Its state and dates, and when its personal data goes: the line the status and the digest share. */
export function campaignDatesText(status: CampaignStatus, lang: string): string {
  const dates = t(lang, 'campaign.cmd.status.dates', {
    state: t(lang, `campaign.cmd.state.${status.state}`),
    startsOn: status.startsOn,
    endsOn: status.endsOn ?? t(lang, 'campaign.cmd.status.open-end'),
  });
  const purge = status.purged
    ? t(lang, 'campaign.cmd.status.purged')
    : status.purgeOn
      ? t(lang, 'campaign.cmd.status.purge', { day: status.purgeOn })
      : t(lang, 'campaign.cmd.status.purge-after-end');
  return `${dates}${t(lang, 'campaign.cmd.status.separator')}${purge}`;
}

export function campaignStatusText(status: CampaignStatus, lang: string): string {
  const lines = [
    t(lang, 'campaign.cmd.status.title', { campaign: status.campaign, community: status.community }),
    campaignDatesText(status, lang),
    t(lang, 'campaign.cmd.status.total', countParams(status)) +
      (status.changeSinceYesterday !== null ? t(lang, 'campaign.cmd.status.change', { change: status.changeSinceYesterday }) : ''),
  ];
  if (status.buildings.length > 0) lines.push(t(lang, 'campaign.cmd.status.buildings'));
  for (const building of status.buildings) {
    const open = building.uncounted.slice(0, roomsShown).join('、');
    const more = building.uncounted.length > roomsShown ? t(lang, 'campaign.cmd.status.more', { count: building.uncounted.length - roomsShown }) : '';
    lines.push(
      t(lang, 'campaign.cmd.status.building', { place: `${building.site}${building.building}`, ...countParams(building) }) +
        (open === '' ? '' : t(lang, 'campaign.cmd.status.open', { rooms: open + more })),
    );
  }
  if (status.groups.length > 0) lines.push(t(lang, 'campaign.cmd.status.groups'));
  for (const group of status.groups) {
    const flag = group.paused ? 'paused' : group.completed ? 'completed' : group.announced ? null : 'unannounced';
    lines.push(t(lang, 'campaign.cmd.status.group', { chat: group.chat, ...countParams(group) }) + (flag ? t(lang, `campaign.cmd.group.${flag}`) : ''));
  }
  const trend = status.trend.slice(-trendDays);
  if (trend.length > 0) {
    lines.push(
      t(lang, 'campaign.cmd.status.trend', {
        days: trend.map((day) => `${day.day.slice(5)} ${day.roomsCounted + day.roomsMarked}/${day.roomsKnown}`).join('，'),
      }),
    );
  }
  return lines.join('\n');
}
