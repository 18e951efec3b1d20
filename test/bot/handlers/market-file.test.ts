import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../../src/store/db.ts';
import { loadDemo } from '../../../src/store/demo.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

let linli: TestLinli;
let dir: string;
let marketId: number;
beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
  marketId = (await one<{ id: number }>(linli.deps.db, `SELECT id FROM areas WHERE name = '幸福市场'`)).id;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-market-files-'));
});
afterAll(async () => {
  await linli?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const market = '幸福市场商户群';
const building = '长庚里租户群';

// As owners keep it in Excel: a title merged across the columns, headings, then the staff.
async function staffWorkbook(name: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('员工');
  sheet.addRow(['3号档 王记猪肉 员工名单']);
  sheet.mergeCells('A1:C1');
  sheet.addRow(['姓名', '手机号', '身份证号']);
  sheet.addRow(['张三', 13812345678, '']);
  sheet.addRow(['李四', '139 2583 6147', '']);
  sheet.addRow(['王五', 13500001111, '440603198503152015']);
  const file = path.join(dir, name);
  await book.xlsx.writeFile(file);
  return file;
}

function written(name: string, contents: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, contents);
  return file;
}

const sendFile = (user: string, chat: string, file: string) => say(linli, user, chat, `/file ${file}`);

const rostersOf = (user: string) =>
  linli.deps.db.query<{ kind: string; name: string | null; area_id: number | null; versions: number; source_file: string | null }>(
    `SELECT r.kind, r.name, r.area_id, count(v.id)::int AS versions, max(v.source_file) AS source_file
     FROM rosters r LEFT JOIN roster_versions v ON v.roster_id = r.id
     WHERE r.owner_person_id = (SELECT person_id FROM accounts WHERE platform_user_id = $1)
     GROUP BY r.id ORDER BY r.id`,
    [user],
  );

describe('a shop owner sends the staff list as a file in the market group', () => {
  it('takes an .xlsx as the shop staff list, named by its title row, with no room asked of anyone', async () => {
    const replies = await sendFile('王姐', market, await staffWorkbook('王记员工.xlsx'));
    const inGroup = texts(replies.filter((line) => line.chat === market));
    const inPrivate = texts(replies.filter((line) => line.chat === 'dm' && line.to === '王姐'));
    expect(inGroup).toBe('收到王姐的档口员工名单（3号档 王记猪肉），共3人，详细内容已私聊发给您，请在私聊里核对确认。');
    expect(inPrivate).toContain('「3号档 王记猪肉」的员工名单');
    expect(inPrivate).toContain('1. 张三 138****5678 ✅');
    expect(inPrivate).toContain('2. 李四 139****6147 ✅');
    expect(inPrivate).toContain('3. 王五 4406**********2015 135****1111 ✅');
    expect(inPrivate).not.toContain('房号');
    expect(inPrivate).not.toContain('440603198503152015');
  });

  it('confirms it through the roster flow as the shop’s first version, without asking staff to register', async () => {
    const [saved] = await converse(linli, '王姐', 'dm', [['确认', '名单已保存（第1版），共3人']]);
    expect(texts(saved ?? [])).toContain('「3号档 王记猪肉」的员工名单已保存');
    expect(texts(saved ?? [])).not.toContain('登记');
    expect(await rostersOf('王姐')).toEqual([{ kind: 'shop', name: '3号档 王记猪肉', area_id: marketId, versions: 1, source_file: '王记员工.xlsx' }]);
  });

  it('names the shop after its owner for a .csv with headings only, and takes corrections as for a paste', async () => {
    const csv = ['员工姓名,手机号', '张伟,13700001111', '刘芳,1370000222'].join('\r\n');
    const replies = await sendFile('阿强', market, written('员工.csv', csv));
    expect(texts(replies.filter((line) => line.chat === market))).toBe(
      '收到阿强的档口员工名单（阿强的档口），共2人，其中1行有问题，详细内容已私聊发给您。',
    );
    await converse(linli, '阿强', 'dm', [
      ['第2行手机 13700002222', /2\. 刘芳 137\*{4}2222 ✅/],
      ['确认', '「阿强的档口」的员工名单已保存'],
    ]);
    expect(await rostersOf('阿强')).toEqual([{ kind: 'shop', name: '阿强的档口', area_id: marketId, versions: 1, source_file: '员工.csv' }]);
  });

  it('takes names alone under a title row, each asking for a phone', async () => {
    const replies = await sendFile('陈姐', market, written('名单.csv', ['员工名单', '陈一', '陈二'].join('\n')));
    expect(texts(replies.filter((line) => line.chat === market))).toContain('收到陈姐的档口员工名单（陈姐的档口），共2人，其中2行有问题');
    expect(texts(replies.filter((line) => line.chat === 'dm'))).toContain('1. 陈一 ❌ 没有身份证号和手机号');
  });

  it('says nothing in the group of a spreadsheet that is no list, and tells the owner privately', async () => {
    const prices = written('菜价.csv', '品名,单价\n白菜,2.5\n土豆,3\n');
    expect(await sendFile('王姐', market, prices)).toEqual([]);
    expect(texts(await sendFile('王姐', 'dm', prices))).toContain('「菜价.csv」里没有找到员工名单');
  });
});

describe('an owner sends the staff list as a file privately', () => {
  it('takes it as the next version of their shop', async () => {
    const csv = ['姓名,手机号', '张三,13812345678', '李四,13925836147', '赵六,13600002222'].join('\n');
    const replies = await sendFile('王姐', 'dm', written('新名单.csv', csv));
    expect(texts(replies)).toContain('「3号档 王记猪肉」的员工名单');
    expect(texts(replies)).not.toContain('房号');
    const confirmed = texts(await say(linli, '王姐', 'dm', '确认'));
    expect(confirmed).toContain('名单已保存（第2版），共3人');
    expect(confirmed).toContain('新增：赵六');
    expect(confirmed).toContain('以下员工这次名单里没有，是不在档口做了吗？回复「是」确认：王五');
    expect(await rostersOf('王姐')).toMatchObject([{ kind: 'shop', versions: 2 }]);
  });
});

describe('the same file outside a market', () => {
  it('is a landlord’s roster in a building group: the title heads the rows, and 确认 saves a landlord roster', async () => {
    const replies = await sendFile('房东老周', building, await staffWorkbook('名单.xlsx'));
    const inGroup = texts(replies.filter((line) => line.chat === building));
    expect(inGroup).toContain('收到房东老周的名单，共3人');
    expect(inGroup).not.toContain('档口');
    const inPrivate = texts(replies.filter((line) => line.chat === 'dm' && line.to === '房东老周'));
    // As 3号楼租户名单 would give its rows building 3, the title's 3号 is the rows' room here.
    expect(inPrivate).toContain('1. 张三 138****5678 3号 ✅');
    expect(inPrivate).toContain('3. 王五 4406**********2015 135****1111 3号 ✅');
    expect(inPrivate).not.toContain('员工名单');
    const saved = texts(await say(linli, '房东老周', 'dm', '确认'));
    expect(saved).toContain('名单已保存（第1版）');
    expect(saved).not.toContain('员工名单已保存');
    expect(saved).toContain('登记');
    expect(await rostersOf('房东老周')).toMatchObject([{ kind: 'landlord', versions: 1, source_file: '名单.xlsx' }]);
  });

  it('is a landlord’s roster privately for someone with no shop', async () => {
    const replies = await sendFile('房东老吴', 'dm', await staffWorkbook('员工.xlsx'));
    expect(texts(replies)).toContain('收到名单，共 3 人');
    expect(texts(replies)).not.toContain('档口');
    expect(texts(await say(linli, '房东老吴', 'dm', '确认'))).not.toContain('员工名单已保存');
  });
});
