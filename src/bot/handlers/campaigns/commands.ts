import { addDays, format, parseISO } from 'date-fns';
import { normalize } from '../../../dialogs/answers/index.ts';
import { t } from '../../../dialogs/messages/index.ts';
import { campaignEndJob, campaignEndJobId } from '../../../jobs/campaign-queue.ts';
import { campaignStatusText } from '../../../reports/campaign-status-text.ts';
import { campaignState, campaignStatus, purgeDay } from '../../../reports/campaign-status.ts';
import { endCampaign, getCampaign, type Campaign } from '../../../store/campaigns.ts';
import { digestScopeOf, type DigestScope } from '../../../store/digest-scope.ts';
import { readAsStaff } from '../../../store/staff-reads.ts';
import { trailingPunctuation } from '../../command.ts';
import type { HandlerContext } from '../../handler.ts';
import type { RouteRule } from '../../router.ts';
import { campaignsOfStaff, mayEnd } from './scope.ts';

type CampaignCommand = { kind: 'status'; name: string | null } | { kind: 'end'; name: string | null };

const statusForm = /^(?:\/campaign(?:@\S+)?\s+status|登记进度|登记情况)(?:\s+(.+))?$/i;
const endForm = /^(?:\/campaign(?:@\S+)?\s+end|结束登记)(?:\s+(.+))?$/i;
/** Without a name, status shows the running campaigns and those ended within this many days. */
const recentDays = 7;

export function readCampaignCommand(text: string): CampaignCommand | undefined {
  const bare = normalize(text).replace(trailingPunctuation, '');
  const status = statusForm.exec(bare);
  if (status) return { kind: 'status', name: status[1]?.trim() || null };
  const end = endForm.exec(bare);
  if (end) return { kind: 'end', name: end[1]?.trim() || null };
  return undefined;
}

async function named(context: HandlerContext, staff: DigestScope, name: string): Promise<Campaign | undefined> {
  const found = (await campaignsOfStaff(context.tx, staff)).find((campaign) => campaign.name === name);
  if (!found) context.reply(t(context.lang, 'campaign.cmd.not-found', { name }));
  return found;
}

/** /campaign status [NAME] and 登记进度 [NAME]: the campaign's status within the staff member's places. */
async function status(context: HandlerContext, staff: DigestScope, name: string | null): Promise<void> {
  let campaigns: Campaign[];
  if (name !== null) {
    const campaign = await named(context, staff, name);
    if (!campaign) return;
    campaigns = [campaign];
  } else {
    const since = format(addDays(parseISO(context.today), -recentDays), 'yyyy-MM-dd');
    campaigns = (await campaignsOfStaff(context.tx, staff)).filter(
      (campaign) => campaignState(campaign, context.today) === 'running' || (campaign.endsOn !== null && campaign.endsOn >= since && campaign.startsOn <= context.today),
    );
  }
  if (campaigns.length === 0) {
    context.reply(t(context.lang, 'campaign.cmd.none'));
    return;
  }
  const texts: string[] = [];
  for (const campaign of campaigns) {
    const report = await readAsStaff(context.tx, staff, (staffQ) =>
      campaignStatus(staffQ, campaign, { timeZone: context.timeZone, today: context.today, now: context.now, within: staff.areaIds }),
    );
    texts.push(campaignStatusText(report, context.lang));
  }
  context.reply(texts.join('\n\n'));
}

async function end(context: HandlerContext, staff: DigestScope, name: string | null): Promise<void> {
  if (name === null) {
    context.reply(t(context.lang, 'campaign.cmd.end.usage'));
    return;
  }
  const campaign = await named(context, staff, name);
  if (!campaign) return;
  if (!(await mayEnd(context.tx, campaign, staff))) {
    context.reply(t(context.lang, 'campaign.cmd.end.not-whole', { name }));
    return;
  }
  if (!(await endCampaign(context.tx, campaign.id, context.today))) {
    context.reply(t(context.lang, 'campaign.cmd.end.already', { name }));
    return;
  }
  // The same job `linli campaign end` queues (queueCampaignEnd): the groups are thanked once.
  context.later({ name: campaignEndJob, data: { campaignId: campaign.id }, jobId: campaignEndJobId(campaign.id, context.now), delayMs: 0 });
  const ended = await getCampaign(context.tx, campaign.id);
  const day = ended ? purgeDay(ended) : null;
  context.reply(t(context.lang, 'campaign.cmd.end.done', { name, purge: day ? t(context.lang, 'campaign.cmd.status.purge', { day }) : '' }));
}

const commands = new WeakMap<HandlerContext, CampaignCommand>();

/** Staff's /campaign status, 登记进度 and /campaign end, privately; anyone else is told politely it is for staff. */
export const campaignCommandRule: RouteRule = {
  route: 'command',
  matches(context) {
    const command = readCampaignCommand(context.message.text);
    if (!command) return false;
    const { message } = context;
    if (message.chat.kind !== 'private' && !message.mentionsBot && !message.text.trim().startsWith('/')) return false;
    commands.set(context, command);
    return true;
  },
  async handle(context) {
    const command = commands.get(context) ?? readCampaignCommand(context.message.text);
    if (!command) return;
    if (context.message.chat.kind !== 'private') {
      context.reply(t(context.lang, 'campaign.cmd.private-only'));
      return;
    }
    const staff = await digestScopeOf(context.tx, context.message.account.personId);
    if (!staff) {
      context.reply(t(context.lang, 'campaign.cmd.not-staff'));
      return;
    }
    if (command.kind === 'status') await status(context, staff, command.name);
    else await end(context, staff, command.name);
  },
};
