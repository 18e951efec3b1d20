import { autoRetry } from '@grammyjs/auto-retry';
import { GrammyError, HttpError, type Transformer } from 'grammy';
import type { Logger } from '../../../log.ts';

/** Calls that deliver a message belong to the outbox: it alone decides whether to try again. */
const deliversMessage = /^(?:send|copy|forward)/;

/**
 * The adapter's own calls (getMe, getUpdates, setWebhook, ...) wait out a 429's retry_after and
 * a server error (auto-retry); a network error is left to the caller (the runner retries polls).
 * Calls that deliver a message pass straight through, so that a 429 reaches the outbox.
 * Failures are logged by method and reason only: a request's URL holds the bot token.
 */
export function retryOwnCalls(log: Logger): Transformer {
  const retry = autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 300, rethrowHttpErrors: true });
  return async (prev, method, payload, signal) => {
    if (deliversMessage.test(method)) return prev(method, payload, signal);
    try {
      const result = await retry(prev, method, payload, signal);
      if (!result.ok) log.warn({ method, code: result.error_code, reason: result.description }, 'a Telegram call was refused');
      return result;
    } catch (error) {
      if (!signal?.aborted) {
        const reason = error instanceof HttpError || error instanceof GrammyError ? error.message : String(error);
        log.warn({ method, reason }, 'a Telegram call failed');
      }
      throw error;
    }
  };
}
