import type { campaignDriveZhCN } from './campaign-drive.zh-CN.ts';

/** What the bot says about campaigns (drive), in English. */
export const campaignDriveEn: Record<keyof typeof campaignDriveZhCN, string> = {
  'campaign-drive.dates-open': 'from {from}',
  'campaign-drive.dates': '{from} to {to}',
  'campaign-drive.announce':
    '[{name}] The community is registering every household ({dates}).\nTo take part, send "登记" in this group or to me privately.\nIf a home is empty or the household is away, just tell me privately, e.g. "{example} empty".',
  'campaign-drive.announce.link': 'Or tap here to register with me privately: {link}',
  'campaign-drive.prompt':
    '[{name}] {place}: {count} homes not registered yet: {rooms}.\nPlease send "登记" here or to me privately; if a home is empty or the household is away, tell me privately.',
  'campaign-drive.rooms-more': '{rooms} and {count} more',
  'campaign-drive.complete': '[{name}] Every home of {place} is registered or accounted for. Thank you all!',
  'campaign-drive.closed': '[{name}] Registration has ended. Thank you all!',
  'campaign-drive.closed-count':
    '[{name}] Registration has ended. {place}: {known} homes, {counted} registered, {marked} empty or away, {left} not registered. Thank you all!',
  'campaign-drive.mark-empty': 'Noted: {room} is empty. Thank you! If someone moves in, please send "登记".',
  'campaign-drive.mark-away': 'Noted: the household of {room} is away for now. Thank you! Please send "登记" when you are back.',
  'campaign-drive.mark-which-room': 'Which home is it? Please send it with the room number, e.g. "3栋1单元102 empty".',
  'campaign-drive.mark-unknown-room': 'I could not find the room "{room}". Please send it again like "3栋1单元102 empty".',
  'campaign-drive.remind': '[{name}] Your registration is not finished yet; reply anything to carry on.',
};
