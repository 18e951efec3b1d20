import { createHash } from 'node:crypto';
import http from 'node:http';
import { webhookCallback, type Bot } from 'grammy';
import type { Logger } from '../../../log.ts';
import { errorMessage } from '../../../errors.ts';

/**
 * The secret Telegram repeats in every webhook request (X-Telegram-Bot-Api-Secret-Token), so that
 * forged updates are refused. Derived from the bot token: no setting more to keep, and only
 * someone who holds the token (and could poll anyway) can know it.
 */
export function webhookSecret(botToken: string): string {
  return createHash('sha256').update(`linli-webhook:${botToken}`).digest('hex');
}

export interface WebhookServer {
  readonly port: number;
  close(): Promise<void>;
}

export interface WebhookServerOptions {
  port: number;
  /** The path of the public webhook URL; a proxy in front is expected to pass it on unchanged. */
  path: string;
  secretToken: string;
  log: Logger;
}

/**
 * Serves grammY's webhook callback on node:http. An update whose handing-over fails is answered
 * 500, so that Telegram delivers it again (ingest stores a message once, however often it comes).
 */
export async function serveWebhook(bot: Bot, options: WebhookServerOptions): Promise<WebhookServer> {
  const handle = webhookCallback(bot, 'http', { secretToken: options.secretToken, onTimeout: 'throw' });
  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'POST' || path !== options.path) {
      response.writeHead(404).end();
      return;
    }
    handle(request, response).catch((error: unknown) => {
      options.log.error({ reason: errorMessage(error) }, 'a Telegram webhook update failed; Telegram will send it again');
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : options.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Telegram keeps its connections open; idle ones would hold the close up.
        server.closeIdleConnections();
      }),
  };
}
