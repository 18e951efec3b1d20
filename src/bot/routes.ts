import { bindRule } from './handlers/bind.ts';
import { checkinRule } from './handlers/checkin.ts';
import { commandRule, privateFallbackRule } from './handlers/commands.ts';
import { linkAccountsRule } from './handlers/link-accounts.ts';
import { meRule } from './handlers/me.ts';
import { dialogRule } from './handlers/registration/dialog.ts';
import { registerRule } from './handlers/registration/register.ts';
import { rosterRule } from './handlers/roster/paste.ts';
import { Router } from './router.ts';

/**
 * The order in which a message is tried: the resident's own commands (我的信息, linking
 * accounts), registration
 * (a form in progress takes every private message but other slash commands), today's check-in
 * answer, binding groups to places, general commands, and the help for a private message that
 * nothing else understood.
 */
export function buildRouter(): Router {
  return new Router()
    .add(meRule)
    .add(linkAccountsRule)
    .add(registerRule)
    .add(dialogRule)
    .add(checkinRule)
    .add(rosterRule)
    .add(bindRule)
    .add(commandRule)
    .add(privateFallbackRule);
}
