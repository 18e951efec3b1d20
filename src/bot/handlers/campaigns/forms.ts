import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CampaignFileError, readCampaignFile, type CampaignFile } from '../../../dialogs/campaign-file.ts';
import { campaignSettingsSchema } from '../../../store/campaigns.ts';
import { loadForm } from '../../../dialogs/form.ts';
import { isLang } from '../../../dialogs/messages/index.ts';

/**
 * The forms a staff member can start a campaign with: the registration form, and the campaigns
 * shipped in docs/campaigns/ (a heat-wave check, an evacuation list), each a settings file.
 */
export interface CampaignFormChoice {
  /** What the dialog keeps: 'registration', or the shipped file's name. */
  key: string;
  title: string;
  file: CampaignFile;
}

const shippedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs/campaigns');

function shipped(): { key: string; file: CampaignFile }[] {
  if (!fs.existsSync(shippedDir)) return [];
  const found: { key: string; file: CampaignFile }[] = [];
  for (const name of fs.readdirSync(shippedDir).sort()) {
    if (!/\.(?:ya?ml|json)$/i.test(name)) continue;
    try {
      found.push({ key: name, file: readCampaignFile(path.join(shippedDir, name)) });
    } catch (error) {
      // A file the settings check refuses is not offered; its own tests catch it.
      if (!(error instanceof CampaignFileError)) throw error;
    }
  }
  return found;
}

export function campaignFormChoices(lang: string): CampaignFormChoice[] {
  const language = isLang(lang) ? lang : 'zh-CN';
  const registration = { key: 'registration', title: loadForm('registration').title[language], file: { settings: campaignSettingsSchema.parse({}), formId: 'registration' } };
  const files = shipped().map(({ key, file }) => ({
    key,
    title: file.settings.ownForm?.title[language] ?? `${key.replace(/\.[^.]+$/, '')}`,
    file,
  }));
  return [registration, ...files];
}

/** The choices as the dialog lists them: 1. 住户登记 … */
export const formChoicesText = (choices: readonly CampaignFormChoice[]) => choices.map((choice, index) => `${index + 1}. ${choice.title}`).join('\n');

/** The choice a reply names: its number, its title or its file's name. */
export function readFormChoice(choices: readonly CampaignFormChoice[], text: string): CampaignFormChoice | undefined {
  const bare = text.trim();
  const number = /^\d{1,2}$/.test(bare) ? Number(bare) : Number.NaN;
  return choices[number - 1] ?? choices.find((choice) => choice.title === bare || choice.key === bare);
}
