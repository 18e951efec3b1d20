import { t } from '../../dialogs/messages/index.ts';
import type { HandlerContext } from '../handler.ts';
import type { RouteRule } from '../router.ts';
import { registerRule } from './registration/register.ts';

async function hasCommunity(context: HandlerContext): Promise<boolean> {
  return (await context.tx.query(`SELECT 1 FROM areas WHERE kind = 'community' LIMIT 1`)).length > 0;
}

/**
 * A store with no community loaded (started with --no-demo, before `linli setup`): registering
 * would file people under a committee with no name and no places. Whoever asks to register is told
 * that staff must load the community first; nothing is saved.
 */
export const noCommunityRule: RouteRule = {
  route: 'command',
  async matches(context) {
    if (!(await registerRule.matches(context))) return false;
    return !(await hasCommunity(context));
  },
  handle(context) {
    context.reply(t(context.lang, 'community.none'));
    return Promise.resolve();
  },
};
