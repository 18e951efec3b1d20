import { describe, expect, it } from 'vitest';
import { announcementText, closingText, openRoomsText, promptText } from '../../src/jobs/campaign-texts.ts';
import type { BuildingCount } from '../../src/store/campaign-coverage.ts';
import { campaignSettingsSchema, type Campaign } from '../../src/store/campaigns.ts';

/** What a group reads: room numbers only, a long list cut at 30 with 等N户, the final count at the end. */
const building = (name: string, uncounted: string[], known = uncounted.length): BuildingCount => ({
  buildingId: name.length, siteId: 1, site: '保利紫山', building: name,
  roomsKnown: known, roomsCounted: known - uncounted.length, roomsEmpty: 0, roomsAway: 0, persons: known - uncounted.length, uncounted,
});
const campaign: Campaign = {
  id: 1, communityId: 1, name: '出租屋普查', formId: 'registration', startsOn: '2026-03-01', endsOn: null, retentionDays: 30,
  settings: campaignSettingsSchema.parse({}), endedAt: null, purgedAt: null, createdByPersonId: null,
};

describe('the texts of a drive', () => {
  it('announces how to take part: 登记 in the group, privately, and the link to the private chat where the platform has one', () => {
    const plain = announcementText(campaign, '3栋1单元102');
    expect(plain).toContain('在本群发“登记”，或私聊我发“登记”');
    expect(plain).toContain('3栋1单元102空置');
    expect(plain).not.toContain('https://');
    const linked = announcementText(campaign, '3栋1单元102', 'https://t.me/linli_bot?start=campaign1');
    expect(linked.split('\n').at(-1)).toBe('也可以点这里直接私聊我登记：https://t.me/linli_bot?start=campaign1');
  });

  it('lists at most 30 rooms, then says how many there are in all', () => {
    const rooms = Array.from({ length: 45 }, (_, i) => `${Math.floor(i / 4) + 1}0${(i % 4) + 1}`);
    const text = openRoomsText([building('7栋', rooms)]);
    expect(text.split('、')).toHaveLength(30);
    expect(text.endsWith('等45户')).toBe(true);
    expect(promptText(campaign, [building('7栋', rooms)])).toContain('7栋还有45户未登记');
  });

  it('names the building of each room where a group speaks for several', () => {
    expect(openRoomsText([building('96号', ['101']), building('98号', ['203'])])).toBe('96号101、98号203');
  });

  it('gives the final count at the end, or thanks alone where the group has no rooms', () => {
    expect(closingText(campaign, [building('3栋', ['101', '102'], 10)])).toContain('3栋共10户：8户已登记，0户空置或不在本地，2户未登记');
    expect(closingText(campaign, [])).toBe('【出租屋普查】登记已结束，谢谢大家的配合！');
  });
});
