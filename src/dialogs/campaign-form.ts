import type { Campaign } from '../store/campaigns.ts';
import { applyFormSettings, loadForm, type FormDefinition } from './form.ts';

/**
 * The form a campaign runs: its form of its own, or the shipped form it names; either with the
 * campaign's questions switched off and reworded. FormError when the switches do not fit the form.
 */
export function formOfCampaign(campaign: Pick<Campaign, 'formId' | 'settings'>): FormDefinition {
  const base = campaign.settings.ownForm ?? loadForm(campaign.formId);
  return applyFormSettings(base, campaign.settings.form);
}

/** Whether residents answer the campaign's form (a form of its own, or the registration), not staff. */
export function isResidentCampaign(campaign: Pick<Campaign, 'formId' | 'settings'>): boolean {
  return campaign.settings.ownForm !== undefined || campaign.formId === 'registration';
}
