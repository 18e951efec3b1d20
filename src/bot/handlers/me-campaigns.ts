import { z } from 'zod';
import { formatAnswer, type JsonValue } from '../../dialogs/answer-kinds.ts';
import { formOfCampaignIfAny } from '../../dialogs/campaign-form.ts';
import { t, type Lang } from '../../dialogs/messages/index.ts';
import { runningCampaigns } from '../../store/campaigns.ts';
import { type FieldCipher, maskText } from '../../privacy/index.ts';
import type { Queryable } from '../../store/db.ts';

const storedAnswers = z.record(z.string(), z.json());
const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * 我的信息, the campaigns with forms of their own: what the person gave in each that still runs
 * (the latest, not erased), masked as everywhere it is shown. The registration is shown apart.
 */
export async function campaignAnswerLines(q: Queryable, cipher: FieldCipher, personId: number, today: string, lang: Lang): Promise<string[]> {
  const own = (await runningCampaigns(q, today)).filter((campaign) => campaign.settings.ownForm !== undefined);
  if (own.length === 0) return [];
  const rows = await q.query<{ campaign_id: number; created_at: Date; answers_enc: string }>(
    `SELECT DISTINCT ON (campaign_id) campaign_id, created_at, answers_enc FROM reports
     WHERE person_id = $1 AND campaign_id = ANY($2::bigint[]) AND erased_at IS NULL ORDER BY campaign_id, id DESC`,
    [personId, own.map((campaign) => campaign.id)],
  );
  const lines: string[] = [];
  for (const campaign of own) {
    const row = rows.find((r) => Number(r.campaign_id) === campaign.id);
    const form = row ? formOfCampaignIfAny(campaign) : undefined;
    if (!row || !form) continue;
    const answers = storedAnswers.parse(JSON.parse(cipher.decrypt(row.answers_enc))) as Record<string, JsonValue>;
    lines.push(t(lang, 'campaign-forms.me.title', { campaign: campaign.name, date: day(row.created_at) }));
    let number = 0;
    for (const question of form.questions) {
      if (question.kind === 'consent' || !(question.id in answers)) continue;
      number += 1;
      lines.push(`${number}. ${question.label[lang]}：${maskText(formatAnswer(question, answers[question.id] ?? null, lang))}`);
    }
  }
  return lines;
}
