import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { UserFromGetMe } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegram, type RunningTelegram } from '../../../src/bot/channels/telegram.ts';
import { waitUntilSettled } from '../../../src/bot/settle.ts';
import { createLogger } from '../../../src/log.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';
import { until } from '../../support/until.ts';
import { FakeTelegram, type Message } from '../../support/fake-telegram.ts';

const token = '7000002:roster-file-token';
const botInfo: UserFromGetMe = {
  id: 7000002, is_bot: true, first_name: '邻里', username: 'linli_files_bot', can_join_groups: true,
  can_read_all_group_messages: true, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false,
  has_topics_enabled: false, allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false,
};

type Document = NonNullable<Message['document']>;

/** Where the bot downloads files from: the configured API root, here on the loopback. */
class FileServer {
  readonly requests: string[] = [];
  readonly contents = new Map<string, Uint8Array>();
  private readonly server = http.createServer((request, response) => {
    const url = request.url ?? '';
    this.requests.push(url);
    const body = this.contents.get(url);
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const landlord = { id: 6001, is_bot: false as const, first_name: '老周', username: 'landlord_zhou', language_code: 'zh-hans' };
const neighbour = { id: 6002, is_bot: false as const, first_name: '小李' };
const group = { id: -1009876543210, type: 'supergroup' as const, title: '长庚里租户群' };
const date = 1767225600;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function tenantWorkbook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('租户');
  sheet.addRow(['姓名', '身份证号', '手机号', '房号']);
  sheet.addRow(['陈建华', '440603198503152015', '13812345678', '3-2-502']);
  sheet.addRow(['李秀英', '44060319920720302X', '13925836147', '3-2-503']);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('a roster file uploaded on Telegram', () => {
  let linli: TestLinli;
  let api: FakeTelegram;
  let files: FileServer;
  let telegram: RunningTelegram;
  let workbook: Uint8Array;

  beforeAll(async () => {
    linli = await startTestLinli();
    await loadDemo(linli.deps.db, linli.deps.cipher);
    api = new FakeTelegram();
    files = new FileServer();
    const apiRoot = await files.listen();
    workbook = await tenantWorkbook();
    const log = createLogger({ level: 'warn', file: path.join(linli.config.dataDir, 'telegram.log') });
    telegram = await startTelegram(linli.deps, { token, apiRoot, webhook: undefined }, log, { botInfo, fetch: api.fetch });
  });
  afterAll(async () => {
    await telegram?.stop();
    await files?.close();
    await linli?.close();
  });

  /** A document the API knows by `fileId`, served at its file path. */
  function upload(fileId: string, name: string, contents: Uint8Array, mimeType?: string): Document {
    const filePath = `documents/file_${fileId}${path.extname(name)}`;
    api.files.set(fileId, { path: filePath, size: contents.length });
    files.contents.set(`/file/bot${token}/${filePath}`, contents);
    return { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: name, file_size: contents.length, ...(mimeType ? { mime_type: mimeType } : {}) };
  }

  /** Delivers the message and waits until it, the file read after it and every reply are done. */
  async function deliver(message: Message): Promise<void> {
    api.deliver(message);
    const messageId = `${message.chat.id}:${message.message_id}`;
    let inboundId: number | undefined;
    await until(async () => {
      const rows = await linli.deps.db.query<{ id: number }>(`SELECT id FROM inbound_messages WHERE platform = 'telegram' AND platform_message_id = $1`, [messageId]);
      inboundId = rows[0]?.id;
      return inboundId !== undefined;
    });
    expect(await waitUntilSettled(linli.deps.db, [inboundId ?? 0], { timeoutMs: 20_000 })).toBe(true);
  }

  it('answers an .xlsx sent privately with the masked list, downloaded from the configured API root', async () => {
    const document = upload('BQACAgUAAxkBAAIBx1', '3栋租户.xlsx', workbook, xlsxType);
    await deliver({ message_id: 71, date, from: landlord, chat: { id: landlord.id, type: 'private', first_name: '老周' }, document });
    const [list, ...rest] = api.textsTo(landlord.id);
    expect(rest).toEqual([]);
    expect(list).toContain('收到名单，共 2 人');
    expect(list).toContain('1. 陈建华 4406**********2015 138****5678 3-2-502 ✅');
    expect(list).toContain('2. 李秀英 4406**********302X 139****6147 3-2-503 ✅');
    expect(list).not.toMatch(/440603198503152015|13812345678/);
    expect(api.calls.filter((call) => call.method === 'getFile').map((call) => call.payload.file_id)).toEqual(['BQACAgUAAxkBAAIBx1']);
    expect(files.requests).toEqual([`/file/bot${token}/documents/file_BQACAgUAAxkBAAIBx1.xlsx`]);
  });

  it('shows only the summary in the group, with the list in the private chat the landlord opened', async () => {
    const document = upload('BQACAgUAAxkBAAIBx2', '租户名单.xlsx', workbook, xlsxType);
    await deliver({ message_id: 81, date, from: landlord, chat: group, document, caption: '3栋的租户' });
    expect(api.textsTo(group.id)).toEqual(['收到老周的名单，共2人，详细内容已私聊发给您，请在私聊里核对确认。']);
    expect(api.textsTo(landlord.id)).toHaveLength(2);
    expect(api.textsTo(landlord.id)[1]).toContain('1. 陈建华 4406**********2015');
  });

  it('fetches nothing and says nothing for a neighbour’s PDF or an over-large sheet in the group', async () => {
    const getFiles = () => api.calls.filter((call) => call.method === 'getFile').length;
    const before = getFiles();
    const pdf = upload('BQACAgUAAxkBAAIBx3', '停水通知.pdf', new TextEncoder().encode('%PDF-1.4'), 'application/pdf');
    await deliver({ message_id: 82, date, from: neighbour, chat: group, document: pdf });
    const huge: Document = { file_id: 'BQACAgUAAxkBAAIBx4', file_unique_id: 'u-huge', file_name: '全部住户.xlsx', file_size: 6 * 1024 * 1024, mime_type: xlsxType };
    await deliver({ message_id: 83, date, from: neighbour, chat: group, document: huge });
    expect(getFiles()).toBe(before);
    expect(api.textsTo(group.id)).toHaveLength(1);
  });

  it('tells a landlord privately that a file is too large, without downloading it', async () => {
    const huge: Document = { file_id: 'BQACAgUAAxkBAAIBx5', file_unique_id: 'u-huge2', file_name: '全部住户.xlsx', file_size: 6 * 1024 * 1024, mime_type: xlsxType };
    await deliver({ message_id: 72, date, from: landlord, chat: { id: landlord.id, type: 'private', first_name: '老周' }, document: huge });
    expect(api.textsTo(landlord.id).at(-1)).toBe('「全部住户.xlsx」太大了（最多 5 MB）。请只留下名单那一页再发，或者分成几个文件。');
    expect(api.calls.some((call) => call.method === 'getFile' && call.payload.file_id === 'BQACAgUAAxkBAAIBx5')).toBe(false);
  });

  it('asks someone who never wrote to the bot privately to send the list there, since Telegram lets the bot not write first', async () => {
    const document = upload('BQACAgUAAxkBAAIBx6', '我的租户.xlsx', workbook, xlsxType);
    await deliver({ message_id: 84, date, from: neighbour, chat: group, document });
    expect(api.textsTo(group.id).at(-1)).toBe('小李，名单里有身份证号和手机号，不宜在群里核对。请私聊我，把名单发在私聊里。');
    expect(api.textsTo(neighbour.id)).toEqual([]);
  });
});
