import type { Logger } from '../log.ts';
import type { FieldCipher } from '../privacy/index.ts';
import type { Db } from '../store/db.ts';
import type { JobQueues } from '../jobs/queue.ts';
import type { RosterModel } from '../dialogs/roster/model.ts';
import type { ChannelRegistry } from './channels/channel.ts';
import type { HandlerSettings } from './handler.ts';
import type { Router } from './router.ts';

/** Everything the message path needs, built once at start and passed down. */
export interface BotDeps {
  db: Db;
  cipher: FieldCipher;
  log: Logger;
  jobs: JobQueues;
  router: Router;
  channels: ChannelRegistry;
  timeZone: string;
  settings: HandlerSettings;
  clock: () => Date;
  /** The configured language model (OPENAI_*), for what the rules cannot read; null without one. */
  model: RosterModel | null;
}
