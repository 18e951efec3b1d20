import { Command } from 'commander';
import { queueCampaignEnd, queueCampaignStart } from '../jobs/campaign-queue.ts';
import type { JobQueues } from '../jobs/queue.ts';
import { campaignStatusText, percent } from '../reports/campaign-status-text.ts';
import { campaignState, campaignStatus, purgeDay } from '../reports/campaign-status.ts';
import { campaignGroups, pauseCampaignGroup } from '../store/campaign-chats.ts';
import { endCampaign, extendCampaign, getCampaign, listCampaigns } from '../store/campaigns.ts';
import { localDay } from '../time.ts';
import { isoDay, wholeNumber } from './arguments.ts';
import { campaignNamed, communityNamed } from './campaign-named.ts';
import { startCampaignCommand } from './campaign-start.ts';
import { withStore, type StoreContext } from './context.ts';
import { startForCommand } from './runtime.ts';

const retentionDays = wholeNumber(1, 3650, 'days');
const communityOption = ['--community <name>', 'the community, where the name is used in several'] as const;

const settingsHelp = `
A settings file (YAML or JSON; every key optional, unknown keys are errors):
  starts: 2026-12-20          # the first day (default: today)
  ends: 2027-01-10            # the last day (default: open)
  retentionDays: 30           # days personal data is kept after the end (default: 30)
  scope: site:保利紫山, grid:第一网格   # all, site:, building:SITE/BUILDING, grid:
  promptAt: "10:00"           # each group's daily prompt
  reminders: ["19:00"]        # private reminders to residents who have not finished
  observationDays: 14
  form:                       # the registration form switched and reworded
    disabled: [vaccineDoses, lastTest]
    prompts:
      notes: { zh-CN: 有没有行动不便、需要上门服务的情况？ }
  ownForm: { id: heat-check, version: 1, title: ..., questions: [...] }   # or a form of its own`;

/** Runs `work` on the store with the day the community is on. */
const onStore = <T>(work: (context: StoreContext & { today: string; now: Date }) => Promise<T>) =>
  withStore(async (context) => {
    const now = new Date();
    return work({ ...context, now, today: localDay(now, context.config.timeZone) });
  }, { logLevel: 'warn' });

async function queueing(work: (jobs: JobQueues) => Promise<void>): Promise<void> {
  const { linli } = await startForCommand({ workers: false });
  try {
    await work(linli.deps.jobs);
  } finally {
    await linli.close();
  }
}

export function campaignCommand(): Command {
  const command = new Command('campaign');
  command
    .command('start')
    .description('start (or change) a campaign from a settings file: its form, scope, dates, prompt times and retention; the bot announces it')
    .requiredOption('--community <name>', 'the community, as in the setup file')
    .requiredOption('--name <name>', 'the campaign, e.g. 春节返乡登记')
    .option('--settings <file.yaml>', 'the settings file, YAML or JSON (see below)')
    .option('--form <id>', 'the form it runs (default: registration, or the settings file\'s)')
    .option('--from <YYYY-MM-DD>', 'the first day (default: the file\'s starts, else today)', isoDay)
    .option('--to <YYYY-MM-DD>', 'the last day (default: the file\'s ends, else open)', isoDay)
    .option('--retention <days>', 'days personal data is kept after the campaign (default: the file\'s retentionDays, else 30)', retentionDays)
    .addHelpText('after', settingsHelp)
    .action(startCampaignCommand);

  command
    .command('status')
    .description('per building and per group: rooms counted against rooms known, persons, rooms empty or away, the trend by day')
    .argument('<NAME>', 'the campaign')
    .option(...communityOption)
    .option('--json', 'print JSON (the keys are described in the README)')
    .action(async (name: string, options: { community?: string; json?: boolean }) => {
      await onStore(async ({ database, config, now, today }) => {
        const status = await database.db.transaction(async (tx) =>
          campaignStatus(tx, await campaignNamed(tx, name, options.community), { timeZone: config.timeZone, today, now }),
        );
        process.stdout.write(`${options.json ? JSON.stringify(status) : campaignStatusText(status, 'zh-CN')}\n`);
      });
    });

  command
    .command('list')
    .description('the campaigns, the latest first: state, dates, rooms counted')
    .option(...communityOption)
    .option('--json', 'print one JSON object per campaign')
    .action(async (options: { community?: string; json?: boolean }) => {
      await onStore(async ({ database, config, now, today }) => {
        await database.db.transaction(async (tx) => {
          const within = options.community === undefined ? undefined : [(await communityNamed(tx, options.community)).id];
          const campaigns = await listCampaigns(tx, within);
          if (campaigns.length === 0) process.stderr.write('no campaigns yet: start one with linli campaign start\n');
          for (const campaign of campaigns) {
            const status = await campaignStatus(tx, campaign, { timeZone: config.timeZone, today, now });
            const { buildings: _buildings, groups, trend: _trend, ...line } = status;
            process.stdout.write(
              options.json
                ? `${JSON.stringify({ ...line, groups: groups.length })}\n`
                : `${status.campaign}\t${status.community}\t${status.state}\t${status.startsOn}..${status.endsOn ?? ''}\t${status.roomsCounted + status.roomsEmpty + status.roomsAway}/${status.roomsKnown} ${percent(status.coverage)}\t${status.scope}\n`,
            );
          }
        });
      });
    });

  command
    .command('end')
    .description('end a campaign today: the bot thanks its groups; its personal data goes after the retention')
    .argument('<NAME>', 'the campaign')
    .option(...communityOption)
    .action(async (name: string, options: { community?: string }) => {
      const ended = await onStore(async ({ database, today }) => {
        const campaign = await campaignNamed(database.db, name, options.community);
        if (!(await endCampaign(database.db, campaign.id, today))) throw new Error(`${name} has ended already`);
        return getCampaign(database.db, campaign.id);
      });
      if (!ended) return;
      await queueing((jobs) => queueCampaignEnd(jobs, ended.id, new Date()));
      process.stdout.write(`${name} ended on ${ended.endsOn ?? ''}; its groups are thanked; personal data deleted on ${purgeDay(ended) ?? ''}\n`);
    });

  command
    .command('extend')
    .description('move the end of a campaign; an ended one whose data is kept runs again')
    .argument('<NAME>', 'the campaign')
    .requiredOption('--to <YYYY-MM-DD>', 'the new last day', isoDay)
    .option(...communityOption)
    .action(async (name: string, options: { to: string; community?: string }) => {
      const extended = await onStore(async ({ database, today }) => {
        const campaign = await campaignNamed(database.db, name, options.community);
        if (campaign.purgedAt !== null) throw new Error(`${name}: its personal data has been deleted; start a new campaign instead`);
        if (options.to < campaign.startsOn) throw new Error(`--to ${options.to} is before ${name} starts (${campaign.startsOn})`);
        await extendCampaign(database.db, campaign.id, options.to, today);
        const after = await getCampaign(database.db, campaign.id);
        return after && { campaign: after, reopened: campaignState(campaign, today) === 'ended' && campaignState(after, today) === 'running' };
      });
      if (!extended) return;
      if (extended.reopened) await queueing((jobs) => queueCampaignStart(jobs, extended.campaign.id, new Date()));
      const purge = purgeDay(extended.campaign);
      process.stdout.write(`${name} now ends on ${options.to}${extended.reopened ? ' and runs again' : ''}; personal data deleted on ${purge ?? ''}\n`);
    });

  command
    .command('pause')
    .description('stop (or with --resume restart) the daily prompts of one group of a campaign')
    .argument('<NAME>', 'the campaign')
    .requiredOption('--chat <CHAT>', "the group: its platform chat id or its title, as linli chats lists them")
    .option('--resume', 'prompt the group again')
    .option(...communityOption)
    .action(async (name: string, options: { chat: string; resume?: boolean; community?: string }) => {
      await onStore(async ({ database }) => {
        const campaign = await campaignNamed(database.db, name, options.community);
        const groups = await campaignGroups(database.db, campaign);
        const matching = groups.filter((group) => group.chat.platformChatId === options.chat || group.chat.title === options.chat);
        const [group] = matching;
        if (!group) {
          const names = groups.map((g) => g.chat.title ?? g.chat.platformChatId).join(', ');
          throw new Error(`--chat ${options.chat} is not a group of ${name}${names ? `; its groups: ${names}` : ''}`);
        }
        if (matching.length > 1) throw new Error(`--chat ${options.chat} names ${matching.length} groups: use the platform chat id`);
        await pauseCampaignGroup(database.db, campaign.id, group.chat.id, !options.resume);
        process.stdout.write(`${name}: ${group.chat.title ?? group.chat.platformChatId} ${options.resume ? 'is prompted again' : 'paused: no more prompts'}\n`);
      });
    });
  return command;
}
