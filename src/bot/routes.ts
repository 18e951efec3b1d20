import { commandRule, privateFallbackRule } from './handlers/commands.ts';
import { Router } from './router.ts';

/** The order in which a message is tried: commands, then the features, then the fallback. */
export function buildRouter(): Router {
  return new Router().add(commandRule).add(privateFallbackRule);
}
