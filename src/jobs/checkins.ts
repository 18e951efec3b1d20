import { differenceInCalendarDays, parseISO } from 'date-fns';
import type { BotDeps } from '../bot/deps.ts';
import type { Reply } from '../bot/message.ts';
import { sayInTransaction } from '../bot/pipeline.ts';
import { channelPrivateChatIds, privateChatOfPerson } from '../bot/private-chat.ts';
import { t } from '../dialogs/messages/index.ts';
import { localDay } from '../time.ts';

/**
 * The daily check-in of people under observation: asked in the morning, reminded once in the
 * afternoon. Both are queue jobs on a schedule; running one twice on a day asks nobody twice.
 */
interface Observed extends Record<string, unknown> {
  observation_id: number;
  person_id: number;
  starts_on: string;
  ends_on: string;
  lang: string;
}

export async function askMorningCheckins(deps: BotDeps): Promise<number> {
  const today = localDay(deps.clock(), deps.timeZone);
  return sayInTransaction(deps, async (tx) => {
    const observed = await tx.query<Observed>(
      `SELECT DISTINCT ON (o.person_id) o.id AS observation_id, o.person_id, o.starts_on, o.ends_on, p.lang
       FROM observations o JOIN persons p ON p.id = o.person_id
       WHERE o.starts_on <= $1 AND o.ends_on >= $1 AND o.ended_early_on IS NULL
       ORDER BY o.person_id, o.ends_on DESC`,
      [today],
    );
    const replies: Reply[] = [];
    for (const person of observed) {
      const chat = await privateChatOfPerson(tx, channelPrivateChatIds(deps), person.person_id);
      const inserted = await tx.query(
        `INSERT INTO checkins (observation_id, person_id, day, chat_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (person_id, day) DO NOTHING RETURNING id`,
        [person.observation_id, person.person_id, today, chat?.chatId ?? null],
      );
      if (inserted.length === 0 || !chat) continue;
      const day = differenceInCalendarDays(parseISO(today), parseISO(person.starts_on));
      const text =
        person.ends_on === today
          ? t(person.lang, 'checkin.ask.last')
          : t(person.lang, 'checkin.ask', { day, until: person.ends_on });
      replies.push({ chatId: chat.chatId, toAccountId: chat.accountId, text });
    }
    return replies;
  });
}

export async function remindCheckins(deps: BotDeps): Promise<number> {
  const today = localDay(deps.clock(), deps.timeZone);
  return sayInTransaction(deps, async (tx) => {
    const due = await tx.query<{ chat_id: number; lang: string }>(
      `UPDATE checkins c SET reminded_at = now() FROM persons p
       WHERE p.id = c.person_id AND c.day = $1 AND c.answered_at IS NULL AND c.reminded_at IS NULL AND c.chat_id IS NOT NULL
       RETURNING c.chat_id, p.lang`,
      [today],
    );
    return due.map((row) => ({ chatId: row.chat_id, text: t(row.lang, 'checkin.remind') }));
  });
}

/** Who was asked on a day and has not answered: for the staff digest. */
export async function missedCheckins(deps: Pick<BotDeps, 'db'>, day: string): Promise<{ personId: number; name: string | null }[]> {
  const rows = await deps.db.query<{ person_id: number; name: string | null }>(
    `SELECT c.person_id, p.name FROM checkins c JOIN persons p ON p.id = c.person_id
     WHERE c.day = $1 AND c.answered_at IS NULL ORDER BY c.person_id`,
    [day],
  );
  return rows.map((row) => ({ personId: row.person_id, name: row.name }));
}
