import { normalize } from '../../dialogs/answers/index.ts';
import { confidentScore } from '../../dialogs/find/score.ts';
import { t } from '../../dialogs/messages/index.ts';
import { findPersons } from '../../store/find.ts';
import { findScopeOf } from '../../store/find-scope.ts';
import { maskText } from '../../privacy/index.ts';
import { staffOf } from '../../store/staff.ts';
import { readScopeOf } from '../../store/staff-reads.ts';
import type { HandlerContext } from '../handler.ts';
import type { RouteRule } from '../router.ts';

export const findCommand = /^(?:\/find(?:@\S+)?|查找|查人)(?=\s|$)/i;
/** In a chat the answer is short: the few best, each with why. */
const resultsInChat = 5;

/** /find 张伟 8000 or 查找 …: staff find a person within their scope, privately; every search is audited. */
export async function handleFind(context: HandlerContext): Promise<void> {
  const { message } = context;
  if (message.chat.kind !== 'private') {
    context.reply(t(context.lang, 'find.privateOnly'));
    return;
  }
  const query = normalize(message.text).replace(findCommand, '').trim();
  if (query === '') {
    context.reply(t(context.lang, 'find.usage'));
    return;
  }
  const personId = message.account.personId;
  const scope = await findScopeOf(context.tx, personId);
  if (!scope) return;
  const results = await findPersons(context.tx, context.cipher, {
    query,
    lang: context.lang,
    limit: resultsInChat,
    scope,
    actor: { personId, via: 'chat' },
    readAs: await readScopeOf(context.tx, personId),
  });
  const shown = maskText(query);
  const best = results[0];
  if (best === undefined) {
    context.reply(t(context.lang, 'find.none', { query: shown }));
    return;
  }
  const lines = [t(context.lang, best.score >= confidentScore ? 'find.title' : 'find.uncertain', { query: shown, count: results.length })];
  results.forEach((result, index) => {
    lines.push(
      t(context.lang, 'find.line', {
        index: index + 1,
        name: `${result.name ?? t(context.lang, 'find.unnamed')}${result.ref ? ` [${result.ref}]` : ''}`,
        score: `${Math.round(result.score * 100)}%`,
        reasons: result.reasons.join(t(context.lang, 'registry.digest.separator')),
      }),
    );
  });
  context.reply(lines.join('\n'));
}

/** Only staff find people: from anyone else 查找 is an ordinary message. In a group only the slash command is taken. */
export const findRule: RouteRule = {
  route: 'command',
  async matches(context) {
    const text = normalize(context.message.text);
    if (!findCommand.test(text)) return false;
    if (context.message.chat.kind !== 'private' && !text.startsWith('/') && !context.message.mentionsBot) return false;
    return (await staffOf(context.tx, context.message.account.personId)).length > 0;
  },
  handle: handleFind,
};
