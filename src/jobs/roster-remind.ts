import { z } from 'zod';
import type { BotDeps } from '../bot/deps.ts';
import { namedTenant, namesOf } from '../bot/handlers/roster/change.ts';
import type { Reply } from '../bot/message.ts';
import { sayInTransaction } from '../bot/pipeline.ts';
import { channelPrivateChatIds, privateChatOfPerson } from '../bot/private-chat.ts';
import { t } from '../dialogs/messages/index.ts';
import { personLanguage } from '../store/persons.ts';
import { latestVersion, rosterOwner, unregisteredTenants } from '../store/rosters.ts';

export const rosterRemindData = z.object({ rosterId: z.number().int().positive(), versionId: z.number().int().positive() });

/**
 * The day after a list was confirmed: the landlord hears which of its tenants still have not
 * registered. A newer version of the list has a reminder of its own, and this one says nothing;
 * so does one whose tenants have all registered.
 */
export async function remindLandlord(deps: BotDeps, data: unknown): Promise<number> {
  const { rosterId, versionId } = rosterRemindData.parse(data);
  return sayInTransaction(deps, async (tx): Promise<Reply[]> => {
    const latest = await latestVersion(tx, rosterId);
    const owner = await rosterOwner(tx, rosterId);
    if (!latest || latest.versionId !== versionId || owner === undefined) return [];
    const unregistered = await unregisteredTenants(tx, deps.cipher, versionId);
    if (unregistered.length === 0) return [];
    const chat = await privateChatOfPerson(tx, channelPrivateChatIds(deps), owner);
    if (!chat) return [];
    const lang = await personLanguage(tx, owner);
    return [{ chatId: chat.chatId, toAccountId: chat.accountId, text: `${t(lang, 'roster.remind', { names: namesOf(unregistered.map(namedTenant)) })}\n${t(lang, 'roster.unregistered.check')}` }];
  });
}
