import { bindRule } from './handlers/bind.ts';
import { checkinRule } from './handlers/checkin.ts';
import { commandRule, privateFallbackRule } from './handlers/commands.ts';
import { digestRule } from './handlers/digest.ts';
import { eraseConfirmRule, eraseRequestRule } from './handlers/erase.ts';
import { findRule } from './handlers/find.ts';
import { linkAccountsRule } from './handlers/link-accounts.ts';
import { shopNameRule } from './handlers/market/shop-name.ts';
import { shopsViewRule } from './handlers/market/shops-view.ts';
import { shopListRule } from './handlers/market/staff-list.ts';
import { shopStatusRule } from './handlers/market/status-answer.ts';
import { meRule } from './handlers/me.ts';
import { dialogRule } from './handlers/registration/dialog.ts';
import { registerRule } from './handlers/registration/register.ts';
import { roomMarkRule } from './handlers/room-mark.ts';
import { rosterFileRule } from './handlers/roster/file.ts';
import { registryImportRule } from './handlers/registry-import.ts';
import { rosterRule } from './handlers/roster/paste.ts';
import { pendingListRule } from './handlers/roster/pending.ts';
import { noCommunityRule } from './handlers/no-community.ts';
import { staffRequestRule } from './handlers/staff-request.ts';
import { staffOnlyRule } from './handlers/staff-only.ts';
import { Router } from './router.ts';
import { noticeAckRule } from './handlers/notices/ack.ts';
import { noticeCommandRule } from './handlers/notices/commands.ts';
import { noticeDialogRule } from './handlers/notices/dialog.ts';
import { campaignCommandRule } from './handlers/campaigns/commands.ts';
import { campaignDialogRule } from './handlers/campaigns/dialog.ts';

/**
 * The order in which a message is tried: a file (never the answer to a form), the resident's
 * own commands (我的信息, a staff member's 日报, linking accounts), registration
 * (a form in progress takes every private message but other slash commands), today's check-in
 * answer, a resident's word that a room is empty or away (during a campaign), a shop's name and staff list (in a market) before a landlord's roster, a shop owner's
 * answer about the staff, binding groups to places, general commands, and the help for a private
 * message that nothing else understood.
 */
export function buildRouter(): Router {
  return new Router()
    // Notices first: the notice dialog takes its attachment before the roster file rule would,
    // and an acknowledgement in a group is never answered by another rule.
    .add(noticeDialogRule)
    .add(noticeCommandRule)
    .add(noticeAckRule)
    // A staff member's campaign dialog and commands (发起登记, 登记进度) before registration reads 登记.
    .add(campaignDialogRule)
    .add(campaignCommandRule)
    .add(registryImportRule)
    .add(rosterFileRule)
    .add(meRule)
    .add(eraseRequestRule)
    .add(eraseConfirmRule)
    .add(digestRule)
    .add(findRule)
    .add(shopsViewRule)
    .add(staffOnlyRule)
    .add(linkAccountsRule)
    .add(noCommunityRule)
    .add(registerRule)
    .add(dialogRule)
    .add(checkinRule)
    // A resident's word that a room is empty or away, while a campaign counts it; never inside a form.
    .add(roomMarkRule)
    .add(shopNameRule)
    .add(shopListRule)
    .add(rosterRule)
    .add(shopStatusRule)
    .add(bindRule)
    .add(staffRequestRule)
    .add(commandRule)
    .add(pendingListRule)
    .add(privateFallbackRule);
}
