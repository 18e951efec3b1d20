import { z } from 'zod';
import type { BotDeps } from '../bot/deps.ts';
import { sayInTransaction } from '../bot/pipeline.ts';
import { currentPrompt } from '../dialogs/engine.ts';
import { t, type MessageKey } from '../dialogs/messages/index.ts';
import { getAccount } from '../store/accounts.ts';
import { expireSession, getSession } from '../store/dialog-sessions.ts';
import { localDay } from '../time.ts';
import { sessionEngine } from '../bot/handlers/registration/engine-context.ts';
import { noticeFormId } from '../bot/handlers/notices/dialog.ts';
import { campaignSetupFormId } from '../bot/handlers/campaigns/dialog.ts';

/** A staff member's dialogs speak of what they were writing; any other form is a registration. */
const timerTexts: Record<string, { remind: MessageKey; expire: MessageKey }> = {
  [noticeFormId]: { remind: 'notice.dialog.reminder', expire: 'notice.dialog.expired' },
  [campaignSetupFormId]: { remind: 'campaign.dialog.reminder', expire: 'campaign.dialog.expired' },
};

export const dialogTimerJob = z.object({ sessionId: z.number().int().positive(), step: z.number().int().nonnegative() });

/**
 * A quiet form: the reminder and the expiry were queued with the step they belong to. An answer
 * since then moved the step on, and the timer does nothing.
 */
export async function runDialogTimer(deps: BotDeps, kind: 'dialog-remind' | 'dialog-expire', data: unknown): Promise<void> {
  const { sessionId, step } = dialogTimerJob.parse(data);
  await sayInTransaction(deps, async (tx) => {
    const session = await getSession(tx, deps.cipher, sessionId);
    if (!session || session.status !== 'active' || session.step !== step || session.chatId === null) return [];
    const account = await getAccount(tx, session.accountId);
    let text: string;
    if (kind === 'dialog-remind') {
      const engine = await sessionEngine(tx, session, account.lang, localDay(deps.clock(), deps.timeZone));
      const key = timerTexts[session.state.formId]?.remind ?? 'dialog.reminder';
      text = t(account.lang, key, { prompt: currentPrompt(engine, session.state) });
    } else {
      await expireSession(tx, session.id);
      text = t(account.lang, timerTexts[session.state.formId]?.expire ?? 'dialog.expired');
    }
    return [{ chatId: session.chatId, toAccountId: account.accountId, text }];
  });
}
