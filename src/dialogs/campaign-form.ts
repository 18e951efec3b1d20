import type { Campaign } from '../store/campaigns.ts';
import { applyFormSettings, FormError, loadForm, type FormDefinition } from './form.ts';

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

/** The campaign's form, or undefined when it cannot be built (a switched-off question the form no longer has). */
export function formOfCampaignIfAny(campaign: Pick<Campaign, 'formId' | 'settings'>): FormDefinition | undefined {
  try {
    return formOfCampaign(campaign);
  } catch (error) {
    if (error instanceof FormError) return undefined;
    throw error;
  }
}
