import { z } from 'zod';
import { normalize } from '../../dialogs/answers/index.ts';
import { t } from '../../dialogs/messages/index.ts';
import { staffOf } from '../../store/staff.ts';
import { followUpLater } from '../followups.ts';
import type { HandlerContext } from '../handler.ts';
import { inboundFileSchema } from '../message.ts';
import type { RouteRule } from '../router.ts';

/**
 * 导入底册 (or /import) from staff in a private chat: the file they send next (or with it) is the
 * community's base registry, imported as `linli residents import` does, never read as a landlord's
 * list. The import runs as a follow-up job; only the rows of places in the sender's scope are taken.
 */

export const registryFileFollowup = 'registry-file';
export const registryFileData = z.object({ file: inboundFileSchema });

const importWords = /^(?:导入底册|导入人口底册|底册导入|\/import(?:@\S+)?)$/i;
/** How long after 导入底册 a file is still taken as the registry. */
const askValidMinutes = 30;

export const isImportWords = (text: string) => importWords.test(normalize(text).replace(/[\s!！?？。.~～]+$/u, ''));

async function askedRecently(context: HandlerContext): Promise<boolean> {
  const rows = await context.tx.query(
    `SELECT 1 FROM registry_import_asks WHERE person_id = $1 AND asked_at > $2`,
    [context.message.account.personId, new Date(context.now.getTime() - askValidMinutes * 60_000)],
  );
  return rows.length > 0;
}

export const registryImportRule: RouteRule = {
  route: 'command',
  async matches(context) {
    const { message } = context;
    if (message.chat.kind !== 'private') return false;
    const file = message.files.length > 0;
    if (!file && !isImportWords(message.text)) return false;
    if ((await staffOf(context.tx, message.account.personId)).length === 0) return false;
    return !file || isImportWords(message.text) || (await askedRecently(context));
  },
  async handle(context) {
    const { message } = context;
    const file = message.files[0];
    if (file === undefined) {
      await context.tx.query(
        `INSERT INTO registry_import_asks (person_id, asked_at) VALUES ($1, $2)
         ON CONFLICT (person_id) DO UPDATE SET asked_at = EXCLUDED.asked_at`,
        [message.account.personId, context.now],
      );
      context.reply(t(context.lang, 'registry.import.ask'));
      return;
    }
    await context.tx.query('DELETE FROM registry_import_asks WHERE person_id = $1', [message.account.personId]);
    await followUpLater(context, registryFileFollowup, { file });
  },
};
