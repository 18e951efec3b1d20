import { formOfCampaign } from '../../../dialogs/campaign-form.ts';
import type { EngineContext } from '../../../dialogs/engine.ts';
import { loadForm, type FormDefinition } from '../../../dialogs/form.ts';
import { isLang, type Lang } from '../../../dialogs/messages/index.ts';
import { uniteForms, type FormPart } from '../../../dialogs/union-form.ts';
import { getCampaign, runningCampaign, type Campaign } from '../../../store/campaigns.ts';
import type { Queryable } from '../../../store/db.ts';
import { loadRoomDirectory } from '../../../store/rooms.ts';
import { readInTransaction } from '../../../store/read-memo.ts';
import { defaultRetentionDays } from '../../../store/retention.ts';

export const registrationFormId = 'registration';

/** The community an area lies in, or the only community there is (read once a transaction until it writes). */
export async function communityOf(q: Queryable, areaId: number | null): Promise<{ id: number; name: string } | null> {
  const rows = await readInTransaction(q, `community-of:${areaId ?? ''}`, () =>
    areaId
      ? q.query<{ id: number; name: string }>(
          `WITH RECURSIVE up AS (
             SELECT id, parent_id, kind, name FROM areas WHERE id = $1
             UNION ALL SELECT a.id, a.parent_id, a.kind, a.name FROM areas a JOIN up ON a.id = up.parent_id)
           SELECT id, name FROM up WHERE kind = 'community'`,
          [areaId],
        )
      : q.query<{ id: number; name: string }>(`SELECT id, name FROM areas WHERE kind = 'community' ORDER BY id LIMIT 2`),
  );
  const row = rows.length === 1 ? rows[0] : undefined;
  return row ? { id: row.id, name: row.name } : null;
}

/**
 * Where an area lies, read in one walk up its parents: the nearest site (the area itself when it
 * is one) with its name, and the community, as siteOf and communityOf would find them.
 */
async function placeOf(q: Queryable, areaId: number): Promise<{ site: { id: number; name: string } | null; community: { id: number; name: string } | null }> {
  const rows = await q.query<{ id: number; kind: string; name: string }>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id, kind, name, 0 AS depth FROM areas WHERE id = $1
       UNION ALL SELECT a.id, a.parent_id, a.kind, a.name, up.depth + 1 FROM areas a JOIN up ON a.id = up.parent_id)
     SELECT id, kind, name FROM up WHERE kind IN ('site', 'community') ORDER BY depth`,
    [areaId],
  );
  const site = rows.find((row) => row.kind === 'site');
  const communities = rows.filter((row) => row.kind === 'community');
  const community = communities.length === 1 ? communities[0] : undefined;
  return { site: site ? { id: site.id, name: site.name } : null, community: community ? { id: community.id, name: community.name } : null };
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
  const place = options.areaId ? await placeOf(q, options.areaId) : { site: null, community: await communityOf(q, null) };
  const site = place.site;
  const directory = site ? await loadRoomDirectory(q, site.id) : undefined;
  const community = place.community;
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
    ...(site ? { site: site.name } : {}),
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
