import fs from 'node:fs';
import { Command } from 'commander';
import { isoDay, wholeNumber } from './arguments.ts';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { applyFormSettings, loadForm } from '../dialogs/form.ts';
import { findCommunity } from '../store/areas.ts';
import { campaignSettingsSchema, saveCampaign, type CampaignSettings } from '../store/campaigns.ts';
import { localDay } from '../time.ts';
import { withStore } from './context.ts';

const retentionDays = wholeNumber(1, 3650, 'days');

/** Reads a campaign's settings file and checks it against the form it changes. */
export function readCampaignSettings(file: string | undefined, formId: string): CampaignSettings {
  const data: unknown = file ? parseYaml(fs.readFileSync(file, 'utf8')) : {};
  const parsed = campaignSettingsSchema.safeParse(data ?? {});
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  applyFormSettings(loadForm(formId), parsed.data.form);
  return parsed.data;
}

interface StartOptions {
  community: string;
  name: string;
  form: string;
  from?: string;
  to?: string;
  retention: number;
  settings?: string;
}

export function campaignCommand(): Command {
  const start = new Command('start')
    .description('start (or change) a campaign: its form, dates, retention of personal data, and settings')
    .requiredOption('--community <name>', 'the community, as in the setup file')
    .requiredOption('--name <name>', 'the campaign, e.g. 春节返乡登记')
    .option('--form <id>', 'the form it runs', 'registration')
    .option('--from <YYYY-MM-DD>', 'the first day (default: today)', isoDay)
    .option('--to <YYYY-MM-DD>', 'the last day (default: open)', isoDay)
    .option('--retention <days>', 'days personal data is kept after the campaign', retentionDays, 180)
    .option('--settings <file.yaml>', 'questions switched off or reworded, observation days')
    .addHelpText(
      'after',
      '\nA settings file:\n  form:\n    disabled: [vaccineDoses, lastTest]\n    prompts:\n      notes: { zh-CN: 有没有行动不便、需要上门服务的情况？ }\n  observationDays: 7',
    )
    .action(async (options: StartOptions) => {
      const settings = readCampaignSettings(options.settings, options.form);
      await withStore(
        async ({ database, config }) => {
          const community = await findCommunity(database.db, options.community);
          if (!community) throw new Error(`no community ${options.community}; load it with linli setup first`);
          const startsOn = options.from ?? localDay(new Date(), config.timeZone);
          await saveCampaign(database.db, {
            communityId: community.id,
            name: options.name,
            formId: options.form,
            startsOn,
            endsOn: options.to ?? null,
            retentionDays: options.retention,
            settings,
          });
          process.stdout.write(`${options.community} · ${options.name}: ${options.form} from ${startsOn}${options.to ? ` to ${options.to}` : ''}\n`);
        },
        { logLevel: 'warn' },
      );
    });
  return new Command('campaign').addCommand(start);
}
