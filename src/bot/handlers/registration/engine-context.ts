import type { EngineContext } from '../../../dialogs/engine.ts';
import { applyFormSettings, loadForm } from '../../../dialogs/form.ts';
import { isLang, type Lang } from '../../../dialogs/messages/index.ts';
import { runningCampaign, type Campaign } from '../../../store/campaigns.ts';
import type { Queryable } from '../../../store/db.ts';
import { loadRoomDirectory, siteOf } from '../../../store/rooms.ts';
import { defaultRetentionDays } from '../../../store/retention.ts';

export const registrationFormId = 'registration';

/** The community an area lies in, or the only community there is. */
async function communityOf(q: Queryable, areaId: number | null): Promise<{ id: number; name: string } | null> {
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

export interface RegistrationContext extends EngineContext {
  campaign: Campaign | undefined;
}

/**
 * Everything the pure engine needs for one step: the form as the running campaign sets it, the
 * day, the rooms of the place the resident came from.
 */
export async function engineContextFor(
  q: Queryable,
  options: { formId: string; areaId: number | null; lang: string; today: string },
): Promise<RegistrationContext> {
  const lang: Lang = isLang(options.lang) ? options.lang : 'zh-CN';
  const siteId = options.areaId ? await siteOf(q, options.areaId) : null;
  const directory = siteId ? await loadRoomDirectory(q, siteId) : undefined;
  const community = await communityOf(q, options.areaId);
  const campaign = community ? await runningCampaign(q, community.id, options.formId, options.today) : undefined;
  const form = loadForm(options.formId);
  return {
    form: campaign ? applyFormSettings(form, campaign.settings.form) : form,
    campaign,
    today: options.today,
    lang,
    params: {
      community: community?.name ?? (lang === 'en' ? 'community' : '社区'),
      retentionDays: String(campaign?.retentionDays ?? defaultRetentionDays),
    },
    ...(directory ? { checkRoom: (room) => directory.check(room) } : {}),
    ...(siteId ? { site: await siteName(q, siteId) } : {}),
  };
}
