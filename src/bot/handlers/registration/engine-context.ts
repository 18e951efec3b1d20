import type { EngineContext } from '../../../dialogs/engine.ts';
import { loadForm } from '../../../dialogs/form.ts';
import { isLang, type Lang } from '../../../dialogs/messages/index.ts';
import type { Queryable } from '../../../store/db.ts';
import { loadRoomDirectory, siteOf } from '../../../store/rooms.ts';

export const registrationFormId = 'registration';
const defaultRetentionDays = 180;

/** The community an area lies in, or the only community there is. */
async function communityName(q: Queryable, areaId: number | null): Promise<string | null> {
  const rows = areaId
    ? await q.query<{ name: string }>(
        `WITH RECURSIVE up AS (
           SELECT id, parent_id, kind, name FROM areas WHERE id = $1
           UNION ALL SELECT a.id, a.parent_id, a.kind, a.name FROM areas a JOIN up ON a.id = up.parent_id)
         SELECT name FROM up WHERE kind = 'community'`,
        [areaId],
      )
    : await q.query<{ name: string }>(`SELECT name FROM areas WHERE kind = 'community' ORDER BY id LIMIT 2`);
  return rows.length === 1 ? (rows[0]?.name ?? null) : null;
}

/** Everything the pure engine needs for one step: the form, the day, the place's rooms. */
export async function engineContextFor(
  q: Queryable,
  options: { formId: string; areaId: number | null; lang: string; today: string },
): Promise<EngineContext> {
  const lang: Lang = isLang(options.lang) ? options.lang : 'zh-CN';
  const siteId = options.areaId ? await siteOf(q, options.areaId) : null;
  const directory = siteId ? await loadRoomDirectory(q, siteId) : undefined;
  const community = await communityName(q, options.areaId);
  return {
    form: loadForm(options.formId),
    today: options.today,
    lang,
    params: {
      community: community ?? (lang === 'en' ? 'community' : '社区'),
      retentionDays: String(defaultRetentionDays),
    },
    ...(directory ? { checkRoom: (room) => directory.check(room) } : {}),
  };
}
