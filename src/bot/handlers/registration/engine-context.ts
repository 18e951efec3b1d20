import { formOfCampaign } from '../../../dialogs/campaign-form.ts';
import type { EngineContext } from '../../../dialogs/engine.ts';
import { loadForm, type FormDefinition } from '../../../dialogs/form.ts';
import { isLang, type Lang } from '../../../dialogs/messages/index.ts';
import { uniteForms, type FormPart } from '../../../dialogs/union-form.ts';
import { getCampaign, runningCampaign, type Campaign } from '../../../store/campaigns.ts';
import type { Queryable } from '../../../store/db.ts';
import { loadRoomDirectory, siteOf } from '../../../store/rooms.ts';
import { defaultRetentionDays } from '../../../store/retention.ts';

export const registrationFormId = 'registration';

/** The community an area lies in, or the only community there is. */
export async function communityOf(q: Queryable, areaId: number | null): Promise<{ id: number; name: string } | null> {
  const rows = areaId
    ? await q.query<{ id: number; name: string }>(
        `WITH RECURSIVE up AS (
           SELECT id, parent_id, kind, name FROM areas WHERE id = $1
           UNION ALL SELECT a.id, a.parent_id, a.kind, a.name FROM areas a JOIN up ON a.id = up.parent_id)
         SELECT id, name FROM up WHERE kind = 'community'`,
        [areaId],
      )
    : await q.query<{ id: number; name: string }>(`SELECT id, name FROM areas WHERE kind = 'community' ORDER BY id LIMIT 2`);
  return rows.length === 1 ? (rows[0] ?? null) : null;
}

async function siteName(q: Queryable, siteId: number): Promise<string> {
  const rows = await q.query<{ name: string }>('SELECT name FROM areas WHERE id = $1', [siteId]);
  return rows[0]?.name ?? '';
}

/** A campaign the form is answered for: its own form, and where its questions are in the form asked. */
export interface CampaignPart extends FormPart {
  campaign: Campaign;
}

export interface RegistrationContext extends EngineContext {
  /** The campaigns the answers go to, one report each; none for the plain registration. */
  campaigns: CampaignPart[];
}

async function campaignsByIds(q: Queryable, ids: readonly number[]): Promise<Campaign[]> {
  const found: Campaign[] = [];
  for (const id of ids) {
    const campaign = await getCampaign(q, id);
    if (campaign) found.push(campaign);
  }
  return found;
}

/** The form asked: the plain one, or the union of the campaigns' forms (one campaign: its form). */
function formAndParts(formId: string, campaigns: readonly Campaign[]): { form: FormDefinition; campaigns: CampaignPart[] } {
  if (campaigns.length === 0) return { form: loadForm(formId), campaigns: [] };
  const united = uniteForms(campaigns.map((campaign) => formOfCampaign(campaign)));
  return {
    form: united.form,
    campaigns: united.parts.map((part, index) => ({ ...part, campaign: campaigns[index] as Campaign })),
  };
}

/**
 * Everything the pure engine needs for one step: the form of the campaigns the form was opened for
 * (`campaignIds`; without them, the campaign running `formId` in the community), the day, the
 * rooms of the place the resident came from.
 */
export async function engineContextFor(
  q: Queryable,
  options: { formId: string; areaId: number | null; lang: string; today: string; campaignIds?: readonly number[] | undefined },
): Promise<RegistrationContext> {
  const lang: Lang = isLang(options.lang) ? options.lang : 'zh-CN';
  const siteId = options.areaId ? await siteOf(q, options.areaId) : null;
  const directory = siteId ? await loadRoomDirectory(q, siteId) : undefined;
  const community = await communityOf(q, options.areaId);
  let campaigns: Campaign[];
  if (options.campaignIds) campaigns = await campaignsByIds(q, options.campaignIds);
  else {
    const running = community ? await runningCampaign(q, community.id, options.formId, options.today) : undefined;
    campaigns = running ? [running] : [];
  }
  const { form, campaigns: parts } = formAndParts(options.formId, campaigns);
  // The longest keeping of the campaigns answered: what the resident is told before they answer.
  const retentionDays = campaigns.length > 0 ? Math.max(...campaigns.map((c) => c.retentionDays)) : defaultRetentionDays;
  return {
    form,
    campaigns: parts,
    today: options.today,
    lang,
    params: {
      community: community?.name ?? (lang === 'en' ? 'community' : '社区'),
      retentionDays: String(retentionDays),
    },
    ...(directory ? { checkRoom: (room) => directory.check(room) } : {}),
    ...(siteId ? { site: await siteName(q, siteId) } : {}),
  };
}

/** The engine context of a stored form. */
export const sessionEngine = (
  q: Queryable,
  session: { areaId: number | null; state: { formId: string; campaignIds?: number[] | undefined } },
  lang: string,
  today: string,
): Promise<RegistrationContext> =>
  engineContextFor(q, { formId: session.state.formId, areaId: session.areaId, lang, today, campaignIds: session.state.campaignIds });
