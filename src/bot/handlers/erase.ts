import { normalize } from '../../dialogs/answers/index.ts';
import { t } from '../../dialogs/messages/index.ts';
import { recordAudit } from '../../store/audit.ts';
import { maybeOne } from '../../store/db.ts';
import { erasePerson } from '../../store/erasure.ts';
import { trailingPunctuation } from '../command.ts';
import type { HandlerContext } from '../handler.ts';
import type { RouteRule } from '../router.ts';

const askWords = /^(?:删除我的信息|删除我的登记|删除个人信息|注销登记|\/forget(?:@\S+)?|delete my (?:info|information|data))$/i;
const confirmWords = /^(?:确认删除|confirm delete)$/i;
/** A confirmation long after the question is no answer to it. */
const confirmWithinMinutes = 30;

const spoken = (context: HandlerContext) => normalize(context.message.text).replace(trailingPunctuation, '');

/** 删除我的信息: says what will be deleted and what kept, and waits for 确认删除 as the next message. */
async function askToErase(context: HandlerContext): Promise<void> {
  if (context.message.chat.kind !== 'private') {
    context.reply(t(context.lang, 'erase.private'));
    return;
  }
  await context.tx.query('INSERT INTO erasure_requests (account_id, inbound_id) VALUES ($1, $2)', [
    context.message.account.accountId,
    context.message.id,
  ]);
  context.reply(t(context.lang, 'erase.ask'));
}

/** 确认删除, as the very next message after the question and soon after it: the person's data goes, now. */
async function confirmErasure(context: HandlerContext): Promise<void> {
  const { accountId, personId } = context.message.account;
  const request = await maybeOne<{ id: number }>(
    context.tx,
    `SELECT r.id FROM erasure_requests r
     WHERE r.account_id = $1 AND r.done_at IS NULL AND r.requested_at > $3::timestamptz - make_interval(mins => $4)
       AND NOT EXISTS (SELECT 1 FROM inbound_messages m WHERE m.account_id = $1 AND m.id > r.inbound_id AND m.id < $2)
     ORDER BY r.id DESC LIMIT 1`,
    [accountId, context.message.id, context.now, confirmWithinMinutes],
  );
  if (!request) {
    context.reply(t(context.lang, 'erase.none'));
    return;
  }
  const erased = await erasePerson(context.tx, context.cipher, personId);
  await context.tx.query('UPDATE erasure_requests SET done_at = now() WHERE id = $1', [request.id]);
  await recordAudit(context.tx, {
    action: 'person.erase',
    actorPersonId: personId,
    subjectPersonId: personId,
    details: { persons: erased.persons.length, reports: erased.reports, via: 'chat' },
  });
  context.reply(t(context.lang, 'erase.done'));
}

export const eraseRequestRule: RouteRule = {
  route: 'command',
  matches: (context) =>
    (context.message.chat.kind === 'private' || context.message.mentionsBot) && askWords.test(spoken(context)),
  handle: askToErase,
};

export const eraseConfirmRule: RouteRule = {
  route: 'command',
  matches: (context) => context.message.chat.kind === 'private' && confirmWords.test(spoken(context)),
  handle: confirmErasure,
};
