import { normalize, readDate, readSendTime } from '../../../dialogs/answers/index.ts';
import type { JsonValue } from '../../../dialogs/answer-kinds.ts';
import { parseControl } from '../../../dialogs/control-words.ts';
import { stepDialog, type EngineContext } from '../../../dialogs/engine.ts';
import { loadForm } from '../../../dialogs/form.ts';
import { isLang, t } from '../../../dialogs/messages/index.ts';
import { questionById } from '../../../dialogs/progress.ts';
import type { DialogState } from '../../../dialogs/state.ts';
import { campaignStartJob } from '../../../jobs/campaign-queue.ts';
import { campaignGroups } from '../../../store/campaign-chats.ts';
import { campaignsNamed, getCampaign, saveCampaign } from '../../../store/campaigns.ts';
import type { StoredSession } from '../../../store/dialog-sessions.ts';
import { digestScopeOf, type DigestScope } from '../../../store/digest-scope.ts';
import { recordRefusal } from '../../../store/audit.ts';
import { defaultCampaignRetentionDays } from '../../../store/retention.ts';
import { trailingPunctuation } from '../../command.ts';
import type { HandlerContext } from '../../handler.ts';
import type { RouteRule } from '../../router.ts';
import { continueStaffDialog, openStaffDialog, staffDialogRule } from '../staff-dialog.ts';
import { campaignFormChoices, formChoicesText, readFormChoice } from './forms.ts';
import { checkCampaignScope, type CampaignScopeCheck } from './scope.ts';

export const campaignSetupFormId = 'campaign-setup';

const startWords = /^(?:发起登记|发起登记活动|新建登记|\/campaign(?:@\S+)?|start campaign)$/i;
const noneWords = /^(?:无|没有|不设|不用|不需要|none|no|-)$/i;
const noEnd = 'none';
/** What an unanswered step means: the registration form, no end, the 10:00 prompt, 30 days. */
const defaults: Record<string, string> = { form: '1', endsOn: noEnd, promptAt: '10:00', retentionDays: String(defaultCampaignRetentionDays) };

export const isCampaignStart = (text: string) => startWords.test(normalize(text).replace(trailingPunctuation, ''));

function engineContext(context: HandlerContext): EngineContext {
  return {
    form: loadForm(campaignSetupFormId),
    params: { forms: formChoicesText(campaignFormChoices(context.lang)) },
    today: context.today,
    lang: isLang(context.lang) ? context.lang : 'zh-CN',
  };
}

const str = (value: JsonValue | undefined) => (typeof value === 'string' ? value : '');

async function staffScope(context: HandlerContext): Promise<DigestScope | undefined> {
  return digestScopeOf(context.tx, context.message.account.personId);
}

function scopeReply(context: HandlerContext, check: Exclude<CampaignScopeCheck, { ok: true }>): string {
  if (check.kind === 'unreadable') return t(context.lang, 'campaign.dialog.scope-problem', { problem: check.problem });
  if (check.kind === 'outside') return t(context.lang, 'campaign.dialog.scope-outside', { places: check.places.join('、') });
  return t(context.lang, check.kind === 'communities' ? 'campaign.dialog.scope-communities' : 'campaign.dialog.scope-empty');
}

type Prepared = { kind: 'answer'; text: string } | { kind: 'refuse'; reply: string };

/** A step's answer checked where it needs the store or the day; a skipped step takes its default. */
async function prepare(context: HandlerContext, state: DialogState, questionId: string | undefined, text: string): Promise<Prepared> {
  const control = parseControl(text);
  const fallback = questionId !== undefined ? defaults[questionId] : undefined;
  if (fallback !== undefined && (control?.kind === 'skip' || noneWords.test(normalize(text)))) return { kind: 'answer', text: fallback };
  if (control) return { kind: 'answer', text };
  const refuse = (reply: string): Prepared => ({ kind: 'refuse', reply });
  switch (questionId) {
    case 'name': {
      const name = normalize(text);
      if ([...name].length > 40) return refuse(t(context.lang, 'campaign.dialog.name-too-long'));
      return { kind: 'answer', text: name };
    }
    case 'form':
      return readFormChoice(campaignFormChoices(context.lang), text) ? { kind: 'answer', text: normalize(text) } : refuse(t(context.lang, 'campaign.dialog.form-unknown'));
    case 'scope': {
      const staff = await staffScope(context);
      if (!staff) return refuse(t(context.lang, 'campaign.cmd.not-staff'));
      const check = await checkCampaignScope(context.tx, text, staff);
      return check.ok ? { kind: 'answer', text: check.scope } : refuse(scopeReply(context, check));
    }
    case 'startsOn':
    case 'endsOn': {
      const day = readDate(text, context.today, { allowFuture: true });
      if (!day.ok) return refuse(t(context.lang, 'campaign.dialog.date-unreadable'));
      if (day.value < context.today) return refuse(t(context.lang, 'campaign.dialog.date-past', { today: context.today }));
      const startsOn = str(state.answers['startsOn']);
      if (questionId === 'endsOn' && day.value < startsOn) return refuse(t(context.lang, 'campaign.dialog.date-before-start', { startsOn }));
      return { kind: 'answer', text: day.value };
    }
    case 'promptAt': {
      const time = readSendTime(text, context.today);
      if (!time.ok || time.value.kind !== 'at' || time.value.day !== context.today) return refuse(t(context.lang, 'campaign.dialog.time-unreadable'));
      return { kind: 'answer', text: `${String(time.value.hour).padStart(2, '0')}:${String(time.value.minute).padStart(2, '0')}` };
    }
    default:
      return { kind: 'answer', text };
  }
}

/** What the dialog would save: the chosen form's settings with the scope and the prompt time given. */
async function draft(context: HandlerContext, answers: Record<string, JsonValue>) {
  const staff = await staffScope(context);
  const check = staff ? await checkCampaignScope(context.tx, str(answers['scope']), staff) : undefined;
  if (!check?.ok) return { problem: check ? scopeReply(context, check) : t(context.lang, 'campaign.cmd.not-staff') };
  const choice = readFormChoice(campaignFormChoices(context.lang), str(answers['form']));
  if (!choice) return { problem: t(context.lang, 'campaign.dialog.form-unknown') };
  const endsOn = str(answers['endsOn']);
  const retentionDays = typeof answers['retentionDays'] === 'number' ? answers['retentionDays'] : defaultCampaignRetentionDays;
  return {
    check,
    choice,
    campaign: {
      communityId: check.communityId,
      name: str(answers['name']),
      formId: choice.file.formId,
      startsOn: str(answers['startsOn']),
      endsOn: endsOn === noEnd || endsOn === '' ? null : endsOn,
      retentionDays,
      settings: { ...choice.file.settings, scope: check.scope, promptAt: str(answers['promptAt']) || '10:00' },
      createdByPersonId: context.message.account.personId,
    },
  };
}

async function preview(context: HandlerContext, answers: Record<string, JsonValue>): Promise<string> {
  const made = await draft(context, answers);
  if (!('campaign' in made) || !made.campaign) return made.problem;
  const { campaign, choice, check } = made;
  const groups = await context.tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM chats WHERE kind IN ('building', 'group', 'market') AND bound_at IS NOT NULL AND area_id = ANY($1::bigint[])`,
    [check.areaIds],
  );
  const rooms = await context.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM areas WHERE kind = 'room' AND id = ANY($1::bigint[])`, [check.areaIds]);
  const form = loadForm(campaignSetupFormId);
  const label = (id: string) => form.questions.find((q) => q.id === id)?.label[isLang(context.lang) ? context.lang : 'zh-CN'] ?? id;
  const values: [string, string][] = [
    ['name', campaign.name],
    ['form', choice.title],
    ['scope', (campaign.settings.scope === 'all' ? t(context.lang, 'campaign.dialog.scope-all') : campaign.settings.scope) + t(context.lang, 'campaign.dialog.preview.scope', { groups: groups[0]?.n ?? 0, rooms: rooms[0]?.n ?? 0 })],
    ['startsOn', campaign.startsOn],
    ['endsOn', campaign.endsOn ?? t(context.lang, 'campaign.dialog.no-end')],
    ['promptAt', campaign.settings.promptAt],
    ['retentionDays', String(campaign.retentionDays)],
  ];
  const items = values.map(([id, value], index) => `${index + 1}. ${label(id)}：${value}`).join('\n');
  return t(context.lang, 'campaign.dialog.preview', { items });
}

/** The campaign the staff member confirmed: saved, and its start queued so that the groups hear of it. */
async function submit(context: HandlerContext, answers: Record<string, JsonValue>): Promise<{ reply: string; saved: boolean }> {
  const made = await draft(context, answers);
  if (!('campaign' in made) || !made.campaign) return { reply: made.problem, saved: false };
  const { campaign } = made;
  if ((await campaignsNamed(context.tx, campaign.name, [campaign.communityId])).length > 0) {
    return { reply: t(context.lang, 'campaign.dialog.exists', { name: campaign.name }), saved: false };
  }
  const id = await saveCampaign(context.tx, campaign);
  const saved = await getCampaign(context.tx, id);
  const groups = saved ? (await campaignGroups(context.tx, saved, made.check.areaIds)).length : 0;
  // The same job `linli campaign start` queues (queueCampaignStart), sent once this message's work commits.
  context.later({ name: campaignStartJob, data: { campaignId: id }, jobId: `campaign-start-${id}-${context.now.getTime()}`, delayMs: 0 });
  const key = campaign.startsOn > context.today ? 'campaign.dialog.saved-later' : 'campaign.dialog.saved';
  return { reply: t(context.lang, key, { name: campaign.name, startsOn: campaign.startsOn, groups, promptAt: campaign.settings.promptAt }), saved: true };
}

async function step(context: HandlerContext, session: StoredSession): Promise<void> {
  const engine = engineContext(context);
  const question = session.state.phase === 'asking' ? questionById(engine.form, session.state.current) : undefined;
  const prepared = await prepare(context, session.state, question?.id, context.message.text.trim());
  if (prepared.kind === 'refuse') {
    context.reply(prepared.reply);
    return;
  }
  const result = stepDialog(engine, session.state, prepared.text);
  let state = result.state;
  let replies = result.replies;
  for (const effect of result.effects) {
    if (effect.kind === 'cancelled') replies = [t(context.lang, 'campaign.dialog.cancelled')];
    if (effect.kind === 'submit') {
      const done = await submit(context, effect.answers);
      replies = [done.reply];
      // A name already used keeps the dialog at its preview, to be changed with 修改 1.
      if (!done.saved) state = session.state;
    }
  }
  if (state.phase === 'summary' && state !== session.state) replies = [await preview(context, state.answers)];
  await continueStaffDialog(context, session, state, replies);
}

async function start(context: HandlerContext): Promise<void> {
  if (context.message.chat.kind !== 'private') {
    context.reply(t(context.lang, 'campaign.cmd.private-only'));
    return;
  }
  if (!(await staffScope(context))) {
    await recordRefusal(context.tx, { personId: context.message.account.personId, command: 'campaign', reason: 'not-staff', chatKind: 'private' });
    context.reply(t(context.lang, 'campaign.cmd.not-staff'));
    return;
  }
  await openStaffDialog(context, engineContext(context));
}

/** 发起登记 or /campaign starts the campaign dialog (staff, privately); while it is open it takes every private message. */
export const campaignDialogRule: RouteRule = staffDialogRule({ formId: campaignSetupFormId, isStart: isCampaignStart, start, step });
