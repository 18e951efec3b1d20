/**
 * Which word of a roster line is the person's name. Once the numbers, rooms, dates and notes are
 * taken out of a line, what is left is usually the name alone; when it is not ("张三 男 广东揭阳"),
 * the word that looks most like a Chinese name wins.
 */

import { readCity } from '../answers/index.ts';
import type { NameMention } from './mentions.ts';

// About the 150 most frequent surnames, which cover nine in ten people.
const COMMON_SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂成苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍华喻祁蒲滕屈饶解牟艾尤',
);

// The same surnames as written in Hong Kong, Macao and Taiwan (張, 陳), for residence permit holders.
const TRADITIONAL_SURNAMES = new Set('張陳劉楊黃趙吳孫馬鄭謝韓馮鄧蕭葉蘇呂盧鍾譚陸範賈韋鄒龍賀顧龔萬錢嚴湯溫齊喬龐顏莊聶魯歐關蘭寧紀畢閆');

// Rarer surnames; many are also everyday words (时, 明, 和), so they count for less.
const RARE_SURNAMES = new Set(
  '房单路阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由',
);

const COMPOUND_SURNAMES = new Set(
  '歐陽 諸葛 東方 長孫 欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 端木 轩辕 西门 南宫 独孤 呼延 百里 万俟 澹台 公冶 太史 申屠 钟离 闻人 赫连 拓跋 第五'.split(' '),
);

// Words that are left in roster lines and are not names: roles, relations, sexes, column values.
const NOT_NAMES = new Set(
  (
    '租客 租户 房客 住户 户主 房东 业主 本人 家属 夫妻 夫妇 两口子 儿子 女儿 老婆 老公 妻子 丈夫 父亲 母亲 爸爸 妈妈 孩子 小孩 ' +
    '朋友 同事 同学 亲戚 表弟 表哥 表妹 表姐 堂弟 堂哥 员工 店员 厨师 服务员 收银员 收银 学徒 帮工 老板 老板娘 店主 档主 ' +
    '学生 上班 打工 无业 个体 男性 女性 汉族 已婚 未婚 离异 正常 在住 在租 暂住 常住 居住 阴性 阳性 绿码 黄码 红码 ' +
    '姓名 名字 身份证 电话 手机 号码 房号 房间 备注 入住 时间 日期 籍贯 性别 民族 年龄 地址 住址 户籍 名单 花名册 信息 ' +
    '以下 如下 谢谢 你好 您好 好的 收到 麻烦 辛苦 打扰 合租 整租 单间 公司 工厂 附近 外卖 快递 司机 保安 保洁 工人 ' +
    '暂无 没有 不详 未知 待定 待补 同上 同住 一起 一家 全家 其他 另外 还有 以及 共计 合计 总共 总计 等等 新增 更新 ' +
    '变更 更正 如上 见上 上面 下面 然后 现在 目前 已经 登记 核酸 疫苗 接种 健康码 行程码 档口 摊位 铺位 门店 店铺 ' +
    '万达 市场 小区 楼栋 单元 楼层 全部 所有 大家 各位 一下 一共 人员 租住 出租 出租屋 合同 押金 租金 房租 水电 ' +
    '高层 安全 方便 马上 关于 任何 平时 国家 门口 都是 原来 应该 但是 由于 明天 今天 昨天 时候 位置 车位 管理 ' +
    '联系 联系人 微信 电联 座机 微信号 身份 证件 证号 手机号 联系方式 上午 下午 中午 晚上 早上 凌晨 地点 咨询 热线 客服 ' +
    '物业 社区 居委 网格 网格员 通知 公告 温馨 提示 注意 事项 截止 宿舍 门面 铺面 商铺'
  ).split(' '),
);

// Characters that never occur in a name, and those that only occur as its surname (房, 楼, 单).
const NEVER_IN_NAME = /[的了吗呢吧啊呀么您你我他她它们这哪怎请烦搬租住址码话证已没不在号栋室间及等是个些]/u;
const ONLY_AS_SURNAME = /^.+[房楼单谢麻那户电名]/u;

// Ways of addressing someone that are not their name (王姐, 张师傅); 张先生 is how landlords list a tenant.
const SALUTATION = /^.{1,2}(?:姐|哥|叔|姨|阿姨|师傅|老师|总|经理|老板|大哥|大姐|姐姐|哥哥|叔叔|伯|婆|爷|奶奶|主任|书记|同志)$/u;
const POLITE_NAME = /^.{1,2}(?:先生|女士|小姐)$/u;
const NICKNAME = /^[老小阿].$/u;

const HAN_NAME = /^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u;
const MAX_PLAIN_LENGTH = 4;
const MAX_DOTTED_LENGTH = 20;

/** How much a word looks like a person's name: -1 not a name, 0 only if nothing better, up to 3 for a known surname. */
export function nameScore(word: string): number {
  if (!HAN_NAME.test(word)) return -1;
  if (word.includes('·')) return word.length <= MAX_DOTTED_LENGTH ? 2 : -1;
  if (word.length < 2 || word.length > MAX_PLAIN_LENGTH) return -1;
  if (NOT_NAMES.has(word) || NEVER_IN_NAME.test(word) || ONLY_AS_SURNAME.test(word)) return -1;
  if (SALUTATION.test(word)) return -1;
  if (POLITE_NAME.test(word) || NICKNAME.test(word)) return 1;
  if (COMPOUND_SURNAMES.has(word.slice(0, 2)) && word.length >= 3) return 3;
  const surname = word.charAt(0);
  if (COMMON_SURNAMES.has(surname) || TRADITIONAL_SURNAMES.has(surname)) return word.length === 4 ? 2 : 3;
  if (RARE_SURNAMES.has(surname)) return 1;
  return 0;
}

// 广东揭阳, 湖北 and the like are column values (籍贯), not names; 黄山 or 金华 may be either.
function isPlace(word: string): boolean {
  const place = readCity(word);
  if (!place.ok) return place.reason === 'place.no-city';
  // The whole word is the place: 金华伟 is a name that starts like 金华.
  const shortName = (name: string): string => name.replace(/(?:省|市|自治区|特别行政区|壮族|回族|维吾尔)+$/u, '');
  const rest = word.replace(shortName(place.value.province), '').replace(shortName(place.value.city), '').replace(/[省市县区]/gu, '');
  return rest === '';
}

/**
 * 「203房：赵丽、金华」: on a line with no ID number or phone, names listed with nothing but 、 or a
 * comma between them are all names. (With an ID number, 「赵丽,湖北武汉,440…」 is a name and a 籍贯.)
 */
function isNameList(text: string, candidates: readonly NameCandidate[]): boolean {
  return candidates.every((candidate, i) => {
    const next = candidates[i + 1];
    return next === undefined || /^\s*[、,，]\s*$/u.test(text.slice(candidate.index + candidate.text.length, next.index));
  });
}

export interface NameCandidate {
  index: number;
  text: string;
  score: number;
}

const WORD = /[\p{Script=Han}·]+/gu;
// Tom Smith, Anna-Maria Lopez: foreign tenants, written as on their passport.
const LATIN_NAME = /(?<![A-Za-z])[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}(?![A-Za-z])/g;
const LATIN_NAME_SCORE = 1;

/**
 * The words of a text that could be a name, left to right, with their scores. Where several
 * compete, a place name (广东揭阳, a 籍贯 column) counts for nothing; alone, it may be a name (沈阳).
 * Nor do they compete where the line has as many people as name-like words (`people`: its ID
 * numbers or phones): 「…住的是金华，身份证…；…住的是王伟，身份证…」 names two people, 金华 one.
 */
export function nameCandidates(text: string, people = 0): NameCandidate[] {
  const candidates: NameCandidate[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0].includes('·') ? match[0].replace(/^·+|·+$/g, '') : match[0];
    const score = nameScore(word);
    if (score >= 0) candidates.push({ index: match.index + match[0].indexOf(word), text: word, score });
  }
  for (const match of text.matchAll(LATIN_NAME)) candidates.push({ index: match.index, text: match[0], score: LATIN_NAME_SCORE });
  if (candidates.length < 2) return candidates;
  candidates.sort((a, b) => a.index - b.index);
  if (candidates.length <= people || (people === 0 && isNameList(text, candidates))) return candidates;
  return candidates.map((candidate) => (candidate.score > 0 && isPlace(candidate.text) ? { ...candidate, score: 0 } : candidate));
}

/** Han letters of a text that are not part of a known filler word: what a roster line should not have much of. */
export function unexplainedLetters(text: string): number {
  let count = 0;
  for (const match of text.matchAll(WORD)) {
    const word = match[0].replace(/·/g, '');
    if (NOT_NAMES.has(word) || /^[男女]$/u.test(word) || isPlace(word)) continue;
    count += word.length;
  }
  return count;
}

/** The candidates as mentions of a line, for the people of the line to choose from. */
export function nameMentions(text: string, people = 0): NameMention[] {
  return nameCandidates(text, people).map((candidate) => ({
    index: candidate.index,
    length: candidate.text.length,
    score: candidate.score,
    value: { value: candidate.text, problem: null },
  }));
}
