import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../../src/store/demo.ts';
import { converse, say, texts } from '../../support/chat.ts';
import { startTestLinli, type TestLinli } from '../../support/linli.ts';

/** Residents who answer the registration as people do: in words, in sentences, several lines at once. */

let linli: TestLinli;
beforeAll(async () => {
  linli = await startTestLinli();
  await loadDemo(linli.deps.db, linli.deps.cipher);
});
afterAll(async () => {
  await linli?.close();
});

const group = '保利紫山3栋业主群';
type Turn = readonly [string, string | RegExp];

/** Opens the form from the building's group, so that the rooms of the site are known. */
async function open(user: string, lang: 'zh' | 'en' = 'zh'): Promise<void> {
  if (lang === 'en') await say(linli, user, 'dm', '/lang en');
  await say(linli, user, group, lang === 'en' ? '@邻里 register' : '登记');
}

const upToRole = (name: string, id: string, phone: string): Turn[] => [
  ['同意', '真实姓名'], [name, '身份证'], [id, '手机'], [phone, '哪一栋'], ['3栋2单元502', '业主'],
];

async function latestReport(name: string): Promise<Record<string, unknown>> {
  const rows = await linli.deps.db.query<{ answers: Record<string, unknown> }>(
    `SELECT r.answers_masked AS answers FROM reports r JOIN persons p ON p.id = r.person_id WHERE p.name = $1 ORDER BY r.id DESC LIMIT 1`,
    [name],
  );
  return rows[0]?.answers ?? {};
}

describe('yes or no said in words', () => {
  it('takes 哪也没去 as no and 刚回来 as yes, and asks again in the question’s own words', async () => {
    await open('赵强');
    await converse(linli, '赵强', 'dm', [
      ...upToRole('赵强', '110101198506120039', '13900003333'),
      ['1', '户籍'], ['北京', '哪天'], ['2019.6.1', '14天内'],
      ['这个嘛', /没看懂您的回答。最近14天内，您有没有从外地来（回）到本市？（有\/没有）/],
      ['刚回来', '哪个城市'],
      ['返回', '14天内'],
      ['哪也没去', '健康码'],
      ['取消', '已取消'],
    ]);
  });
});

describe('answers inside sentences and to the month', () => {
  it('reads 我叫…, a correction, 2019年6月 and 没啥了, and keeps the month as a month', async () => {
    await open('孙悦');
    await converse(linli, '孙悦', 'dm', [
      ['同意', '真实姓名'], ['我叫孙悦', '身份证'], ['110101198709230043', '手机'], ['13900004444', '哪一栋'],
      ['刚才写错了 3栋2单元502', '业主'], ['业主', '户籍'], ['广东揭阳', '哪天'],
      ['2019年6月', '14天内'], ['没有', '健康码'], ['绿码', '疫苗'], ['跳过', '核酸'], ['跳过', '告诉社区'],
      ['没啥了', /请核对您的信息[\s\S]*姓名：孙悦[\s\S]*入住时间：2019-06/],
      ['确认', '登记完成'],
    ]);
    expect(await latestReport('孙悦')).toMatchObject({ since: '2019-06' });
    const [occupancy] = await linli.deps.db.query<{ since: string }>(
      `SELECT o.since::text AS since FROM occupancies o JOIN persons p ON p.id = o.person_id WHERE p.name = '孙悦'`,
    );
    expect(occupancy?.since).toBe('2019-06-01');
  });

  it('takes 「不是的 应该是这个月2号」 as the date', async () => {
    await open('钱丽');
    await converse(linli, '钱丽', 'dm', [
      ...upToRole('钱丽', '110101199001010058', '13900005555'),
      ['1', '户籍'], ['北京', '哪天'], ['不是的 应该是这个月2号', '14天内'], ['返回', '哪天'], ['取消', '已取消'],
    ]);
  });

  it('answers the questions in turn from several lines pasted at once', async () => {
    await open('周涛');
    await converse(linli, '周涛', 'dm', [
      ['同意', '真实姓名'],
      ['周涛\n110101199203150067\n139 0000 6666', /^您住在哪一栋/],
      ['3栋2单元502\n业主\n2021.3.1', /^收到3行，已按顺序填好前2项。\n这是一个日期，不是地方/],
      ['取消', '已取消'],
    ]);
  });
});

describe('answers that fit their question', () => {
  it('refuses I agree as a name, in English', async () => {
    await open('Ann', 'en');
    await converse(linli, 'Ann', 'dm', [
      ['agree', 'real name'],
      ['I agree', 'does not look like a name'],
      ['Ann Lee', 'ID card'],
      ['cancel', 'cancelled'],
    ]);
  });

  it('refuses a place as a landlord, skips don’t know, refuses a date as 户籍地 and 20,000 characters as a room', async () => {
    await open('吴敏');
    await converse(linli, '吴敏', 'dm', [
      ['同意', '真实姓名'], ['吴敏', '身份证'], ['11010119950505007X', '手机'], ['13900007777', '哪一栋'],
      ['3栋2单元5'.repeat(2000).slice(0, 20_000), '房号不会这么长'],
      ['3栋2单元502', '业主'], ['2', '房东'],
      ['湖北武汉', '这是一个地方'],
      ["don't know", '户籍地'],
      ['2021.3.1', '这是一个日期，不是地方'],
      ['湖北武汉', '哪天'],
      ['取消', '已取消'],
    ]);
  });
});

describe('a household', () => {
  it('asks about the family member, takes a child without a phone, and 同上 copies the resident’s answer', async () => {
    await open('郑华');
    await converse(linli, '郑华', 'dm', [
      ...upToRole('郑华', '110101198811110080', '13900008888'),
      ['1', '户籍'], ['河南周口', '哪天'], ['2020年3月', '14天内'], ['没有', '健康码'], ['绿码', '疫苗'],
      ['跳过', '核酸'], ['跳过', '告诉社区'], ['无', '请核对您的信息'],
      ['家人', '这位家人的真实姓名'],
      ['郑小宝', '这位家人的身份证号码'],
      ['11010120180307001X', '这位家人的手机号码'],
      ['跳过', '这位家人是这里的'],
      ['3', '这位家人的户籍地'],
      ['同上', '这位家人从哪天开始住'],
      ['跟我一样', '这位家人有没有'],
      ['没有', '健康码'], ['绿', '疫苗'], ['跳过', '核酸'], ['跳过', '告诉社区'],
      ['无', /请核对第1位家人的信息[\s\S]*户籍地：河南省 周口市[\s\S]*入住时间：2020-03/],
      ['确认', '登记完成'],
    ]);
    const rows = await linli.deps.db.query<{ phone_enc: string | null }>(`SELECT phone_enc FROM persons WHERE name = '郑小宝'`);
    expect(rows).toEqual([{ phone_enc: null }]);
    expect(await latestReport('郑小宝')).toMatchObject({ hukou: { province: '河南省', city: '周口市' }, since: '2020-03' });
  });
});

describe('the summary', () => {
  it('clears an optional answer with 修改 N then 跳过', async () => {
    await open('冯静');
    const replies = await converse(linli, '冯静', 'dm', [
      ...upToRole('冯静', '110101198008080097', '13900009999'),
      ['1', '户籍'], ['北京', '哪天'], ['2019.6.1', '14天内'], ['没有', '健康码'], ['绿码', '疫苗'],
      ['3', '核酸'], ['跳过', '告诉社区'], ['无', /10\. 疫苗剂次：3/],
      ['修改 10', '疫苗'],
      ['跳过', '请核对您的信息'],
      ['确认', '登记完成'],
    ]);
    expect(texts(replies.at(-2) ?? [])).not.toContain('疫苗剂次');
    expect(await latestReport('冯静')).not.toHaveProperty('vaccineDoses');
  });

  it('in English uses ASCII punctuation, reads the room in English, and takes CONFIRM! to confirm', async () => {
    await open('Bob', 'en');
    const replies = await converse(linli, 'Bob', 'dm', [
      ['agree', 'real name'], ['Bob Li', 'ID card'], ['110101199003071057', 'mobile'], ['13900001212', 'building'],
      ['Building 3, unit 2, room 502', 'live here as'], ['1', 'household registration'], ['Beijing', 'Since when'],
      ['June 2019', 'within the last 14 days'], ['nope', 'health code'], ['green', 'vaccine'], ['skip', 'last test'],
      ['skip', 'Anything else'], ['nothing else, thanks', 'Please check your details'],
      ['CONFIRM!', 'Registration complete'],
    ]);
    const summary = texts(replies.at(-2) ?? []);
    expect(summary).toContain('4. Address: 3栋2单元502');
    expect(summary).toMatch(/2\. ID document: 1101\*+1057 \(male, 1990-03-07\)/);
    expect(summary).not.toMatch(/[：（），]/);
  });

  it('stores a room in one form whatever way it was typed, with its room of the site', async () => {
    await open('陈晨');
    await converse(linli, '陈晨', 'dm', [
      ['同意', '真实姓名'], ['陈晨', '身份证'], ['110101199001010058', '手机'], ['13900001313', '哪一栋'],
      ['3-2-502', '业主'], ['1', '户籍'], ['北京', '哪天'], ['2019.6.1', '14天内'], ['没有', '健康码'], ['绿码', '疫苗'],
      ['跳过', '核酸'], ['跳过', '告诉社区'], ['无', '请核对'], ['确认', '登记完成'],
    ]);
    const rows = await linli.deps.db.query<{ name: string; room_text: string; room_id: number | null }>(
      `SELECT p.name, o.room_text, o.room_id FROM occupancies o JOIN persons p ON p.id = o.person_id WHERE p.name IN ('陈晨', 'Bob Li') ORDER BY p.name`,
    );
    expect(rows.map((r) => r.room_text)).toEqual(['3栋2单元502', '3栋2单元502']);
    expect(rows[0]?.room_id).not.toBeNull();
    expect(rows[0]?.room_id).toBe(rows[1]?.room_id);
    expect(await latestReport('陈晨')).toMatchObject({ room: { site: '保利紫山', text: '3栋2单元502' } });
  });
});
