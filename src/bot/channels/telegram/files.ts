import fs from 'node:fs';
import path from 'node:path';
import type { Api } from 'grammy';
import type { InboundFile } from '../../message.ts';
import { checkToldSize, readAtMost } from '../files.ts';
import { errorMessage } from '../../../errors.ts';

/** The one call of the Bot API that fetching a file needs; a grammY `Api` is one. */
export type TelegramFileApi = Pick<Api, 'getFile'>;

export interface TelegramFileSettings {
  token: string;
  /** Another Bot API server (TELEGRAM_API_ROOT); Telegram's own by default. */
  apiRoot?: string | undefined;
}

const telegramApiRoot = 'https://api.telegram.org';

/**
 * Reads a document a person sent, by its file id: getFile, then the download from the file URL
 * of the configured Bot API server. A self-hosted server in local mode answers with a path on its
 * own disk, which is read from there. Errors never carry the URL: it holds the token.
 */
export function telegramFileReader(api: TelegramFileApi, settings: TelegramFileSettings) {
  const root = (settings.apiRoot ?? telegramApiRoot).replace(/\/+$/, '');
  const hideToken = (text: string) => text.split(settings.token).join('<token>');
  return async (file: InboundFile, limitBytes: number): Promise<Uint8Array> => {
    checkToldSize(file.size, limitBytes);
    const info = await api.getFile(file.ref);
    checkToldSize(info.file_size, limitBytes);
    const filePath = info.file_path;
    if (filePath === undefined) throw new Error('Telegram gave no path to download the file from');
    if (settings.apiRoot !== undefined && path.isAbsolute(filePath)) return readAtMost(fs.createReadStream(filePath), limitBytes);
    let response: Response;
    try {
      response = await fetch(`${root}/file/bot${settings.token}/${filePath}`);
    } catch (error) {
      throw new Error(`downloading a Telegram file failed: ${hideToken(errorMessage(error))}`);
    }
    if (!response.ok || response.body === null) throw new Error(`downloading a Telegram file failed: HTTP ${response.status}`);
    checkToldSize(Number(response.headers.get('content-length') ?? '') || undefined, limitBytes);
    return readAtMost(response.body, limitBytes);
  };
}
