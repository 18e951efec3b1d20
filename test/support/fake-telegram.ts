import type { Update } from 'grammy/types';
import { z } from 'zod';
import type { TelegramFetch } from '../../src/bot/channels/telegram.ts';

export type Answer = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };
export interface Call {
  method: string;
  payload: Record<string, unknown>;
  ok: boolean;
  at: number;
}
/** A message in a private chat or a group, as updates carry it. */
export type Message = NonNullable<Update['message']>;
const payloadSchema = z.record(z.string(), z.unknown());

/**
 * Telegram's Bot API, in memory: updates handed to getUpdates, files known by id (getFile), every
 * call recorded, answers scriptable. grammY is pointed at it through its client's fetch.
 */
export class FakeTelegram {
  readonly calls: Call[] = [];
  /** Files getFile knows, by file id: where they are to be downloaded from, and their size. */
  readonly files = new Map<string, { path: string; size: number }>();
  private readonly updates: Update[] = [];
  private readonly scripted = new Map<string, Answer[]>();
  private nextUpdateId = 1;
  private nextMessageId = 900;

  deliver(message: Message): void {
    this.updates.push({ update_id: this.nextUpdateId++, message });
  }

  refuseNext(method: string, answer: Answer): void {
    this.scripted.set(method, [...(this.scripted.get(method) ?? []), answer]);
  }

  sent(chatId?: string): { chat_id: string; text: string }[] {
    return this.calls
      .filter((call) => call.method === 'sendMessage' && call.ok && (chatId === undefined || String(call.payload.chat_id) === chatId))
      .map((call) => ({ chat_id: String(call.payload.chat_id), text: String(call.payload.text) }));
  }

  /** The texts sent to one chat, in order. */
  textsTo(chatId: number): string[] {
    return this.sent(String(chatId)).map((message) => message.text);
  }

  readonly fetch: TelegramFetch = async (url, init) => {
    const method = url.slice(url.lastIndexOf('/') + 1);
    const payload = payloadSchema.parse(typeof init.body === 'string' ? JSON.parse(init.body) : {});
    const answer = this.scripted.get(method)?.shift() ?? (await this.answer(method, payload, init.signal));
    this.calls.push({ method, payload, ok: answer.ok, at: Date.now() });
    return { json: async () => answer };
  };

  private async answer(method: string, payload: Record<string, unknown>, signal: Parameters<TelegramFetch>[1]['signal']): Promise<Answer> {
    if (method === 'getUpdates') {
      const offset = Number(payload.offset ?? 0);
      const deadline = Date.now() + 200;
      for (;;) {
        const ready = this.updates.filter((update) => update.update_id >= offset);
        if (ready.length > 0 || Date.now() > deadline) return { ok: true, result: ready };
        if (signal?.aborted) throw new Error('aborted');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    if (method === 'sendMessage') {
      const chat = { id: Number(payload.chat_id), type: 'private', first_name: 'x' };
      return { ok: true, result: { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat, text: payload.text } };
    }
    if (method === 'getFile') {
      const fileId = String(payload.file_id);
      const file = this.files.get(fileId);
      if (!file) return { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' };
      return { ok: true, result: { file_id: fileId, file_unique_id: `u-${fileId}`, file_size: file.size, file_path: file.path } };
    }
    if (method === 'deleteWebhook' || method === 'setWebhook') return { ok: true, result: true };
    if (method === 'deleteMessage' || method === 'pinChatMessage') return { ok: true, result: true };
    return { ok: false, error_code: 404, description: `Not Found: ${method} is not faked` };
  }
}

/** A 429 as Telegram gives it, asking to wait a second. */
export const tooManyRequests: Answer = { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } };
