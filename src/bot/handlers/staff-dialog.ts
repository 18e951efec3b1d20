import { startDialog, type EngineContext } from '../../dialogs/engine.ts';
import type { DialogState } from '../../dialogs/state.ts';
import { activeSession, createSession, saveSession, type StoredSession } from '../../store/dialog-sessions.ts';
import type { HandlerContext } from '../handler.ts';
import type { RouteRule } from '../router.ts';
import { scheduleTimers } from './registration/dialog.ts';

/** The slash commands a dialog takes as its own answers; any other is a command of its own. */
const dialogSlashCommands = /^\/(?:back|skip|cancel|help)\b/i;

/** Opens a staff member's dialog in a private chat: its session, its first question, its timers. */
export async function openStaffDialog(context: HandlerContext, engine: EngineContext): Promise<void> {
  const first = startDialog(engine);
  const created = await createSession(context.tx, context.cipher, {
    accountId: context.message.account.accountId,
    chatId: context.message.chat.id,
    areaId: null,
    state: first.state,
    lifetimeMs: context.settings.dialogExpiryMs,
  });
  for (const reply of first.replies) context.reply(reply);
  scheduleTimers(context, created.id, created.step);
}

/** Keeps the dialog's new state, says its replies, and sets its timers while it still waits for an answer. */
export async function continueStaffDialog(context: HandlerContext, session: StoredSession, state: DialogState, replies: readonly string[]): Promise<void> {
  const saved = await saveSession(context.tx, context.cipher, session.id, state, context.settings.dialogExpiryMs);
  for (const reply of replies) context.reply(reply);
  if (state.phase === 'asking' || state.phase === 'summary') scheduleTimers(context, session.id, saved);
}

export interface StaffDialog {
  formId: string;
  /** Whether a text starts the dialog (发布通知, /notice). */
  isStart(text: string): boolean;
  start(context: HandlerContext): Promise<void>;
  step(context: HandlerContext, session: StoredSession): Promise<void>;
}

/**
 * The rule of a staff member's dialog (a notice, a campaign): its words start it privately, or as
 * a command in a group (to be told to come to the private chat); while it is open it takes every
 * private message but other slash commands.
 */
export function staffDialogRule(dialog: StaffDialog): RouteRule {
  const sessions = new WeakMap<HandlerContext, StoredSession>();
  return {
    route: 'dialog',
    async matches(context) {
      const { message } = context;
      if (dialog.isStart(message.text) && (message.chat.kind === 'private' || message.mentionsBot || message.text.trim().startsWith('/'))) return true;
      if (message.chat.kind !== 'private') return false;
      const text = message.text.trim();
      if (text.startsWith('/') && !dialogSlashCommands.test(text)) return false;
      const session = await activeSession(context.tx, context.cipher, message.account.accountId);
      if (!session || session.state.formId !== dialog.formId) return false;
      sessions.set(context, session);
      return true;
    },
    async handle(context) {
      const session = sessions.get(context);
      if (session && !dialog.isStart(context.message.text)) await dialog.step(context, session);
      else await dialog.start(context);
    },
  };
}
