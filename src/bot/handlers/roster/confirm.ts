/**
 * 确认: the list becomes a new version of the landlord's roster, each row linked to a person; the
 * landlord hears what changed, who is missing, and who has not registered yet, and is reminded of
 * those the next day. 是: the missing tenants are recorded as moved out.
 */

import { t } from '../../../dialogs/messages/index.ts';
import { getChat } from '../../../store/chats.ts';
import { confirmDraft, clearMissing, draftAwaitingMoveOut, type RosterDraft } from '../../../store/roster-drafts.ts';
import { personOfEntry } from '../../../store/roster-persons.ts';
import { shopOfDraft } from '../../../store/shops.ts';
import {
  addEntry,
  copyEntries,
  createVersion,
  entriesOf,
  landlordRosterOf,
  latestVersion,
  recordSourceFile,
  tenantsOf,
  unregisteredTenants,
  type RosterVersionRef,
} from '../../../store/rosters.ts';
import type { HandlerContext } from '../../handler.ts';
import { namedEntry, namedTenant, namesOf, rosterChange, type LinkedRow } from './change.ts';

export const rosterRemindJob = 'roster-remind';
const remindAfterMs = 24 * 60 * 60 * 1000;

export async function confirmRosterDraft(context: HandlerContext, draft: RosterDraft): Promise<void> {
  const lang = context.lang;
  if (draft.rows.length === 0) {
    context.reply(t(lang, 'roster.empty'));
    return;
  }
  const { tx, cipher } = context;
  const origin = await getChat(tx, draft.chatId);
  // A list pasted in a market group is a shop's staff list: the draft names the shop's roster.
  const shop = await shopOfDraft(tx, draft.id);
  const rosterId = shop?.id ?? (await landlordRosterOf(tx, context.message.account.personId, origin.areaId));
  const previous = await latestVersion(tx, rosterId);
  const previousTenants = previous ? await tenantsOf(tx, cipher, previous.versionId) : [];
  const version = await createVersion(tx, rosterId, draft.sourceInboundId);
  if (draft.sourceFile !== null) await recordSourceFile(tx, version.versionId, draft.sourceFile);
  const linked: LinkedRow[] = [];
  for (const row of draft.rows) {
    const personId = await personOfEntry(tx, cipher, row.entry);
    await addEntry(tx, cipher, version.versionId, row.lineNo, row.entry, personId);
    linked.push({ entry: row.entry, personId });
  }
  const change = rosterChange(linked, previousTenants);
  const kept = previous ? await copyEntries(tx, previous.versionId, version.versionId, change.missing.map((tenant) => tenant.id), null) : [];
  await confirmDraft(tx, draft.id, { versionId: version.versionId, confirmedBy: context.message.id, missingEntryIds: kept });

  const lines = [t(lang, 'roster.saved', { version: version.version, count: linked.filter((row) => row.entry.action !== 'remove').length })];
  const bad = draft.rows.filter((row) => !row.entry.valid).length;
  if (bad > 0) lines.push(t(lang, 'roster.saved.bad', { bad }));
  if (change.added.length > 0) lines.push(t(lang, 'roster.change.added', { names: namesOf(change.added.map(namedEntry)) }));
  if (change.removed.length > 0) lines.push(t(lang, shop ? 'market.list.removed' : 'roster.change.removed', { names: namesOf(change.removed.map(namedEntry)) }));
  if (change.changed.length > 0) lines.push(t(lang, 'roster.change.changed', { names: namesOf(change.changed.map(namedEntry)) }));
  if (previous && change.added.length + change.removed.length + change.changed.length === 0) lines.push(t(lang, 'roster.change.none'));
  if (change.missing.length > 0) lines.push(t(lang, shop ? 'market.list.missing.ask' : 'roster.missing.ask', { names: namesOf(change.missing.map(namedTenant)) }));
  context.reply(lines.join('\n'));
  // Shop staff are not residents to be registered: the owner hears about the morning question instead.
  if (shop) context.reply(t(lang, 'market.list.saved', { shop: shop.name }));
  else await tellUnregistered(context, version);
}

async function tellUnregistered(context: HandlerContext, version: RosterVersionRef): Promise<void> {
  const unregistered = await unregisteredTenants(context.tx, context.cipher, version.versionId);
  if (unregistered.length === 0) {
    context.reply(t(context.lang, 'roster.all-registered'));
    return;
  }
  context.reply(`${t(context.lang, 'roster.unregistered', { names: namesOf(unregistered.map(namedTenant)) })}\n${t(context.lang, 'roster.unregistered.check')}`);
  scheduleReminder(context, version);
}

function scheduleReminder(context: HandlerContext, version: RosterVersionRef): void {
  context.later({
    name: rosterRemindJob,
    data: { rosterId: version.rosterId, versionId: version.versionId },
    jobId: `roster-remind-${version.versionId}`,
    delayMs: remindAfterMs,
  });
}

const YES = /^(?:是|是的|对|对的|搬走了|都搬走了|确认搬走|yes|yes they did)[\s。.!！]*$/i;

/** The list saved last that still asks about missing tenants, when the landlord answers 是. */
export async function moveOutAnswerOf(context: HandlerContext): Promise<RosterDraft | undefined> {
  const { message } = context;
  if (message.chat.kind !== 'private' || !YES.test(message.text.trim())) return undefined;
  return draftAwaitingMoveOut(context.tx, context.cipher, message.account.accountId, message.id);
}

/** 是: a new version in which the tenants the last list left out are recorded as moved out. */
export async function recordMoveOut(context: HandlerContext, draft: RosterDraft): Promise<void> {
  const { tx, cipher } = context;
  const shop = await shopOfDraft(tx, draft.id);
  const rosterId = shop?.id ?? (await landlordRosterOf(tx, context.message.account.personId, null));
  const latest = await latestVersion(tx, rosterId);
  await clearMissing(tx, draft.id);
  if (!latest || latest.versionId !== draft.versionId) return;
  const entries = await entriesOf(tx, cipher, latest.versionId);
  const missing = new Set(draft.missingEntryIds);
  const staying = entries.filter((entry) => entry.action !== 'remove' && !missing.has(entry.id));
  const leaving = entries.filter((entry) => missing.has(entry.id));
  const next = await createVersion(tx, rosterId, context.message.id);
  await copyEntries(tx, latest.versionId, next.versionId, staying.map((entry) => entry.id), null);
  await copyEntries(tx, latest.versionId, next.versionId, leaving.map((entry) => entry.id), 'remove');
  const removed = shop ? 'market.list.missing.removed' : 'roster.missing.removed';
  context.reply(t(context.lang, removed, { names: namesOf(leaving.map(namedTenant)), version: next.version }));
  if (shop) return;
  // The reminder queued for the version before now finds a newer one and stays quiet: this one takes over.
  scheduleReminder(context, next);
}
