import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noPacing } from '../../../src/bot/channels/channel.ts';
import { ReadElsewhereError } from '../../../src/bot/channels/files.ts';
import { ingest } from '../../../src/bot/ingest.ts';
import type { Outbound } from '../../../src/bot/message.ts';
import { recoverUnfinished } from '../../../src/bot/recovery.ts';
import { waitUntilSettled } from '../../../src/bot/settle.ts';
import { createFollowup } from '../../../src/store/followups.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

let linli: TestLinli;
let dir: string;
beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-roster-files-'));
});
afterAll(async () => {
  await linli?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const group = '长庚里租户群';

// The third tenant's ID number has a wrong check digit.
const tenants: (string | number)[][] = [
  ['姓名', '身份证号', '手机号', '房号'],
  ['陈建华', '440603198503152015', 13812345678, '3-2-502'],
  ['李秀英', '44060319920720302X', '139 2583 6147', '3-2-503'],
  ['王伟', '440304198808081230', '15013572468', '3-2-601'],
];

async function workbook(name: string, rows: readonly (readonly (string | number)[])[]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('租户');
  for (const row of rows) sheet.addRow([...row]);
  const file = path.join(dir, name);
  await book.xlsx.writeFile(file);
  return file;
}

function written(name: string, contents: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, contents);
  return file;
}

const sendFile = (user: string, chat: string, file: string) => say(linli, user, chat, `/file ${file}`);

describe('a landlord sends the tenant list as a file', () => {
  it('answers an .xlsx sent privately with the masked list, takes corrections, and saves the version with the file’s name', async () => {
    const file = await workbook('3栋租户名单.xlsx', tenants);
    const replies = await sendFile('房东老吴', 'dm', file);
    const said = texts(replies);
    expect(replies.every((line) => line.chat === 'dm' && line.to === '房东老吴')).toBe(true);
    expect(said).toContain('收到名单，共 3 人，其中 1 行需要核对');
    expect(said).toContain('1. 陈建华 4406**********2015 138****5678 3-2-502 ✅');
    expect(said).toContain('2. 李秀英 4406**********302X 139****6147 3-2-503 ✅');
    expect(said).toContain('校验位不对');
    expect(said).toContain('确认');
    expect(said).not.toContain('440603198503152015');

    await converse(linli, '房东老吴', 'dm', [
      ['第3行身份证 440304198808081238', /3\. 王伟 4403\*{10}1238 150\*{4}2468 3-2-601 ✅/],
      ['确认', '名单已保存（第1版），共3人'],
    ]);
    const [version] = await linli.deps.db.query<{ source_file: string; text_masked: string; files: unknown }>(
      `SELECT v.source_file, i.text_masked, i.files FROM roster_versions v JOIN inbound_messages i ON i.id = v.source_inbound_id
       JOIN accounts a ON a.id = i.account_id WHERE a.platform_user_id = '房东老吴'`,
    );
    expect(version?.source_file).toBe('3栋租户名单.xlsx');
    expect(version?.files).toMatchObject([{ name: '3栋租户名单.xlsx', ref: file }]);
  });

  it('answers a .csv sent in a group with the summary there and the list in private', async () => {
    const csv = tenants.map((row) => row.join(',')).join('\r\n');
    const replies = await sendFile('房东老郑', group, written('租户.csv', csv));
    const inGroup = texts(replies.filter((line) => line.chat === group));
    const inPrivate = texts(replies.filter((line) => line.chat === 'dm' && line.to === '房东老郑'));
    expect(inGroup).toBe('收到房东老郑的名单，共3人，其中1行有问题，详细内容已私聊发给您。');
    expect(inPrivate).toContain('1. 陈建华 4406**********2015 138****5678 3-2-502 ✅');
  });

  it('says nothing in a group of a document or a spreadsheet that is no roster', async () => {
    const prices = written('菜价.csv', '品名,单价\n白菜,2.5\n土豆,3\n');
    expect(await sendFile('房东老郑', group, written('通知.pdf', '%PDF-1.4 notice'))).toEqual([]);
    expect(await sendFile('房东老郑', group, prices)).toEqual([]);
    expect(await sendFile('房东老郑', group, written('旧名单.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0])))).toEqual([]);
    // Privately, the same spreadsheet is answered with what a list needs.
    expect(texts(await sendFile('房东老郑', 'dm', prices))).toContain('「菜价.csv」里没有找到名单');
  });
});

describe('a file the bot cannot take as a list, sent privately', () => {
  it('gets a short reply that says what to send instead, and keeps the open list', async () => {
    const cases: [string, string | Uint8Array, string][] = [
      ['名单.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), '「名单.xls」是旧版 Excel（.xls），我读不了。请在 Excel 里「另存为」.xlsx 或 .csv 再发给我。'],
      ['合同.pdf', '%PDF-1.4', '「合同.pdf」不是表格。名单请发 Excel（.xlsx）或 CSV 文件'],
      ['空白.csv', '\n\n', '「空白.csv」里没有内容'],
      ['坏了.xlsx', 'not a zip at all', '「坏了.xlsx」打不开'],
      ['太多.csv', ['姓名,手机号', ...Array.from({ length: 5001 }, (_, i) => `租户${i},138${String(i).padStart(8, '0')}`)].join('\n'), '「太多.csv」的行数太多（最多 5000 行）'],
    ];
    await sendFile('房东小何', 'dm', await workbook('名单.xlsx', tenants));
    for (const [name, contents, reply] of cases) {
      expect(texts(await sendFile('房东小何', 'dm', written(name, contents))), name).toContain(reply);
    }
    // The list sent before is still open for 确认.
    await converse(linli, '房东小何', 'dm', [['确认', '名单已保存（第1版），共3人']]);
  });

  it('refuses a file over 5 MB before reading it', async () => {
    const file = written('全部住户.csv', Buffer.alloc(5 * 1024 * 1024 + 1, 0x41));
    expect(texts(await sendFile('房东小何', 'dm', file))).toBe('「全部住户.csv」太大了（最多 5 MB）。请只留下名单那一页再发，或者分成几个文件。');
  });

  it('answers in English when the landlord speaks English', async () => {
    await say(linli, 'Landlord Lee', 'dm', '/lang en');
    const reply = texts(await sendFile('Landlord Lee', 'dm', written('list.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))));
    expect(reply).toBe('"list.xls" is an old Excel file (.xls), which I cannot read. Please save it as .xlsx or .csv in Excel ("Save As") and send it again.');
  });

  it('says so when the file cannot be fetched, after trying again', async () => {
    const replies = await sendFile('房东小何', 'dm', path.join(dir, 'gone.xlsx'));
    expect(texts(replies)).toBe('「gone.xlsx」没能收下来，请再发一次。');
    const [followup] = await linli.deps.db.query<{ status: string; attempts: number }>(
      `SELECT f.status, f.attempts FROM followups f JOIN inbound_messages i ON i.id = f.inbound_id
       WHERE f.kind = 'roster-file' ORDER BY f.id DESC LIMIT 1`,
    );
    expect(followup).toEqual({ status: 'failed', attempts: 4 });
  });
});

describe('a file whose reading was lost in a crash', () => {
  it('is read when the unfinished work is queued again, and answered once', async () => {
    const file = await workbook('名单-重启.xlsx', tenants);
    await sendFile('房东老孙', 'dm', file);
    const [message] = await linli.deps.db.query<{ id: number }>(
      `SELECT i.id FROM inbound_messages i JOIN accounts a ON a.id = i.account_id WHERE a.platform_user_id = '房东老孙'`,
    );
    if (!message) throw new Error('no message');
    // As if the handler had committed and the process died before its job was queued.
    const lost = await createFollowup(linli.deps.db, linli.deps.cipher, {
      inboundId: message.id,
      kind: 'roster-file',
      data: { file: { name: '名单-重启.xlsx', ref: file } },
    });
    expect((await recoverUnfinished(linli.deps)).followups).toBe(1);
    expect(await waitUntilSettled(linli.deps.db, [message.id], { timeoutMs: 20_000 })).toBe(true);
    const [followup] = await linli.deps.db.query<{ status: string; data_enc: string }>('SELECT status, data_enc FROM followups WHERE id = $1', [lost]);
    // Done, and the file's name and place are no longer kept.
    expect(followup).toEqual({ status: 'done', data_enc: '' });
    const lists = await linli.deps.db.query('SELECT 1 FROM outbox WHERE inbound_id = $1', [message.id]);
    expect(lists).toHaveLength(2);
    expect((await recoverUnfinished(linli.deps)).followups).toBe(0);
  });
});

describe('a file only another process can read', () => {
  it('waits for that process without counting it as a failure', async () => {
    const file = await workbook('两台机器.xlsx', tenants);
    const sent: Outbound[] = [];
    let asked = 0;
    linli.deps.channels.register({
      platform: 'two-workers',
      pacing: noPacing,
      transactional: true,
      async send(message) {
        sent.push(message);
        return {};
      },
      // The first worker to take the job is not the one that holds the login.
      async readFile(wanted) {
        asked += 1;
        if (asked === 1) throw new ReadElsewhereError('logged in by another process');
        return new Uint8Array(fs.readFileSync(wanted.ref));
      },
    });
    const result = await ingest(linli.deps, {
      platform: 'two-workers', chatId: 'landlord-9', chatKind: 'private', senderId: 'landlord-9', senderName: '房东老钱',
      text: '', files: [{ name: '两台机器.xlsx', ref: file }], messageId: 'two-workers:1', at: new Date(),
    });
    if (result.kind !== 'accepted') throw new Error('not accepted');
    expect(await waitUntilSettled(linli.deps.db, [result.inboundId], { timeoutMs: 20_000 })).toBe(true);
    expect(asked).toBe(2);
    expect(sent.map((message) => message.text).join('\n')).toContain('1. 陈建华 4406**********2015');
    const [followup] = await linli.deps.db.query<{ status: string; attempts: number }>('SELECT status, attempts FROM followups WHERE inbound_id = $1', [result.inboundId]);
    expect(followup).toEqual({ status: 'done', attempts: 1 });
  });
});

