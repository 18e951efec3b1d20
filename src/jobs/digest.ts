import { TZDate } from '@date-fns/tz';
import { format, parseISO, subDays } from 'date-fns';
import { z } from 'zod';
import type { BotDeps } from '../bot/deps.ts';
import type { Reply } from '../bot/message.ts';
import { sayInTransaction } from '../bot/pipeline.ts';
import { channelPrivateChatIds, privateChatOfPerson } from '../bot/private-chat.ts';
import { digestMessages } from '../reports/digest-messages.ts';
import { peopleInReport, staffDigestReport, type DigestReport } from '../reports/staff-digest.ts';
import { maybeOne } from '../store/db.ts';
import { auditDigestRead } from '../store/digest-audit.ts';
import { personLanguage } from '../store/persons.ts';
import { staffPersonIds } from '../store/digest-scope.ts';
import { localDay } from '../time.ts';

/** The timers job that pushes the day's digest to every staff member, once a day. */
export const digestPushJob = 'digest-push';

/** A scheduled run carries no data and means today; a day can be given to send a late one. */
const pushData = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() });

/**
 * The day a scheduled run is for: today once the push time has passed, else yesterday. A run that
 * comes late (the workers were down at 18:00 and start after midnight) sends yesterday's whole day,
 * instead of a few minutes of today that would also take the place of today's digest.
 */
export function dayDue(now: Date, timeZone: string, at: string | undefined): string {
  const today = localDay(now, timeZone);
  if (at === undefined || format(new TZDate(now.getTime(), timeZone), 'HH:mm') >= at) return today;
  return format(subDays(parseISO(today), 1), 'yyyy-MM-dd');
}

export interface DigestPush {
  day: string;
  /** Staff members sent their digest. */
  sent: number;
  /** Staff with no private chat the bot may write in (they must write to it first). */
  unreachable: number;
}

interface Prepared {
  chat: { chatId: number; accountId: number };
  report: DigestReport;
  lang: string;
}

/** What one staff member's digest is made of, read in a short transaction; undefined when there is nothing to send. */
async function prepare(deps: BotDeps, personId: number, day: string, now: Date, push: DigestPush): Promise<Prepared | undefined> {
  return deps.db.transaction(async (tx) => {
    const chat = await privateChatOfPerson(tx, channelPrivateChatIds(deps), personId);
    if (!chat) {
      push.unreachable += 1;
      deps.log.warn({ staffPersonId: personId, day }, 'a staff member cannot be reached privately for the daily digest');
      return undefined;
    }
    if (await maybeOne(tx, 'SELECT 1 FROM digest_sends WHERE person_id = $1 AND day = $2', [personId, day])) return undefined;
    const report = await staffDigestReport(tx, deps.cipher, { personId, day, timeZone: deps.timeZone, now });
    if (!report) return undefined;
    const lang = await personLanguage(tx, personId);
    return { chat, report, lang };
  });
}

/**
 * Each staff member's digest, privately: read, then drawn (the workbook and the chart take a moment,
 * and hold no transaction meanwhile), then written with its marker in one transaction, so that one
 * that fails leaves the others sent, and a second run (a retry, a second worker) sends nothing again.
 */
export async function pushDigests(deps: BotDeps, data: unknown = {}, schedule: { at?: string } = {}): Promise<DigestPush> {
  const now = deps.clock();
  const day = pushData.parse(data ?? {}).day ?? dayDue(now, deps.timeZone, schedule.at);
  const push: DigestPush = { day, sent: 0, unreachable: 0 };
  for (const personId of await staffPersonIds(deps.db)) {
    const prepared = await prepare(deps, personId, day, now, push);
    if (!prepared) continue;
    const { chat, report, lang } = prepared;
    const messages = await digestMessages(report, lang, deps.timeZone, deps.log.child({ staffPersonId: personId }));
    // A digest is one or two messages (the text with its workbook, and a chart): counted once.
    const queued = await sayInTransaction(deps, async (tx): Promise<Reply[]> => {
      const marked = await tx.query(
        'INSERT INTO digest_sends (person_id, day) VALUES ($1, $2) ON CONFLICT (person_id, day) DO NOTHING RETURNING person_id',
        [personId, day],
      );
      if (marked.length === 0) return [];
      await auditDigestRead(tx, { staffPersonId: personId, via: 'push', day, people: peopleInReport(report) });
      return messages.map((message) => ({ chatId: chat.chatId, toAccountId: chat.accountId, ...message }));
    });
    if (queued > 0) push.sent += 1;
  }
  deps.log.info({ day: push.day, sent: push.sent, unreachable: push.unreachable }, 'pushed the daily staff digest');
  return push;
}
