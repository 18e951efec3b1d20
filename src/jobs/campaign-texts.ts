import { t } from '../dialogs/messages/index.ts';
import type { BuildingCount } from '../store/campaign-coverage.ts';
import { roomsAccounted } from '../store/campaign-coverage.ts';
import type { Campaign } from '../store/campaigns.ts';

/** Groups hear campaigns in Chinese: a group is many people, and the community writes in Chinese. */
export const groupLang = 'zh-CN';

/** How many room numbers a prompt lists before it says "等N户": a phone screen, not a register. */
export const roomsListedAtMost = 30;

/** 3栋, or 96号、98号 for a group that speaks for several buildings. */
export const placeOf = (buildings: readonly BuildingCount[]): string => buildings.map((b) => b.building).join('、');

/**
 * The open rooms of a group's buildings, by number only: 1单元201、1单元301 for one building,
 * 96号101、98号103 for several (a bare 101 would be ambiguous), the first 30 and then 等N户.
 */
export function openRoomsText(buildings: readonly BuildingCount[]): string {
  const several = buildings.length > 1;
  const rooms = buildings.flatMap((b) => b.uncounted.map((label) => (several ? `${b.building}${label}` : label)));
  const shown = rooms.slice(0, roomsListedAtMost).join('、');
  return rooms.length > roomsListedAtMost ? t(groupLang, 'campaign-drive.rooms-more', { rooms: shown, count: rooms.length }) : shown;
}

export function announcementText(campaign: Campaign, example: string, privateLink?: string): string {
  const dates = campaign.endsOn
    ? t(groupLang, 'campaign-drive.dates', { from: campaign.startsOn, to: campaign.endsOn })
    : t(groupLang, 'campaign-drive.dates-open', { from: campaign.startsOn });
  const text = t(groupLang, 'campaign-drive.announce', { name: campaign.name, dates, example });
  return privateLink ? `${text}\n${t(groupLang, 'campaign-drive.announce.link', { link: privateLink })}` : text;
}

/** A room of the group to show in "e.g. 3栋1单元102空置": one of its own, or a made-up one. */
export const exampleRoom = (buildings: readonly BuildingCount[]): string => {
  const first = buildings.find((b) => b.roomsKnown > 0);
  const label = first?.uncounted[0];
  return first && label ? `${first.building}${label}` : '3栋1单元102';
};

export function promptText(campaign: Campaign, buildings: readonly BuildingCount[]): string {
  const count = buildings.reduce((sum, b) => sum + b.uncounted.length, 0);
  return t(groupLang, 'campaign-drive.prompt', { name: campaign.name, place: placeOf(buildings), count, rooms: openRoomsText(buildings) });
}

export function completeText(campaign: Campaign, buildings: readonly BuildingCount[]): string {
  return t(groupLang, 'campaign-drive.complete', { name: campaign.name, place: placeOf(buildings) });
}

/** The closing thanks, with the final count of the group's buildings when it has rooms. */
export function closingText(campaign: Campaign, buildings: readonly BuildingCount[]): string {
  const known = buildings.reduce((sum, b) => sum + b.roomsKnown, 0);
  if (known === 0) return t(groupLang, 'campaign-drive.closed', { name: campaign.name });
  const counted = buildings.reduce((sum, b) => sum + b.roomsCounted, 0);
  const accounted = buildings.reduce((sum, b) => sum + roomsAccounted(b), 0);
  return t(groupLang, 'campaign-drive.closed-count', {
    name: campaign.name,
    place: placeOf(buildings),
    known,
    counted,
    marked: accounted - counted,
    left: known - accounted,
  });
}
