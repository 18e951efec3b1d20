/**
 * Telling a database that is away (restarting, stopped, out of reach) from a query that is
 * wrong: the first is waited out and tried again; only the second counts against a message.
 */

/** SQLSTATE classes and codes of a server going or gone: connection exceptions, shutdowns. */
const unavailableStates = /^(?:08...|57P0[1-3]|53300)$/;
/** Node's socket errors: the server is not there, or went away. */
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** What `pg` itself says when a connection dies or cannot be made. */
const driverMessages = /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly|terminating connection due to administrator command|the database system is (?:starting up|shutting down)/i;

function field(error: object, name: string): unknown {
  return name in error ? (error as Record<string, unknown>)[name] : undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; typeof cause === 'object' && cause !== null && depth < 5; depth += 1) {
    const code = field(cause, 'code');
    if (typeof code === 'string' && (unavailableStates.test(code) || socketCodes.has(code))) return true;
    const message = field(cause, 'message');
    if (typeof message === 'string' && driverMessages.test(message)) return true;
    // AggregateError (a connect to several addresses) and wrapped causes.
    const inner = field(cause, 'errors');
    if (Array.isArray(inner) && inner.some((each) => isDatabaseUnavailable(each))) return true;
    cause = field(cause, 'cause');
  }
  return false;
}

export interface OutageRetryOptions {
  /** Gives up (rethrows) once this much time has passed; the work is then left to the sweep. */
  giveUpAfterMs: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Stops waiting (rethrows) as soon as this says so: the process is shutting down. */
  stopping?: () => boolean;
  /** Called before each wait: to log that the database is away. */
  onWait?: (error: unknown, delayMs: number) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work`, and again with a growing wait (plus jitter, so that workers do not all come back
 * at once) for as long as it fails because the database is away. Other errors pass through.
 */
export async function retryWhileUnavailable<T>(work: () => Promise<T>, options: OutageRetryOptions): Promise<T> {
  const deadline = Date.now() + options.giveUpAfterMs;
  let delay = options.firstDelayMs ?? 200;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + delay > deadline || options.stopping?.()) throw error;
      const wait = delay + Math.floor(Math.random() * delay * 0.3);
      options.onWait?.(error, wait);
      await sleep(wait);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 5_000);
    }
  }
}
