/**
 * Why an answer was not accepted, as the bot says it: short, polite, with an example of a right answer.
 * The codes are stable: forms, tests and stored reports refer to them.
 */

export type Language = 'zh-CN' | 'en';

interface ReasonMessage {
  zh: string;
  en: string;
}

const EXAMPLE_ID = '440603199001011233';

export const REASONS = {
  'answer.empty': {
    zh: '好像还没有收到您的回答，请再回复一次。',
    en: 'We did not get an answer yet; please reply once more.',
  },
  'id.characters': {
    zh: `身份证号只能有数字，最后一位可以是 X，请再检查一下。例如：${EXAMPLE_ID}`,
    en: `An ID number has only digits, and the last character may be X; please check it. Example: ${EXAMPLE_ID}`,
  },
  'id.length': {
    zh: `身份证号应该是 18 位，请再数一下。例如：${EXAMPLE_ID}`,
    en: `An ID number has 18 characters; please count them again. Example: ${EXAMPLE_ID}`,
  },
  'id.region': {
    zh: `身份证号的前两位不是有效的省份代码，请再检查一下开头几位。例如：${EXAMPLE_ID}`,
    en: `The first two digits of the ID number are not a province code; please check the beginning. Example: ${EXAMPLE_ID}`,
  },
  'id.birthdate': {
    zh: `身份证号第 7 到 14 位的出生日期不对，请再检查一下。例如：${EXAMPLE_ID}（出生日期 19900101）`,
    en: `The birth date in the ID number (characters 7 to 14) is not right; please check it. Example: ${EXAMPLE_ID} (born 19900101)`,
  },
  'id.checksum': {
    zh: `身份证号校验位不对，请再检查一下最后一位（也可能是中间某一位输错了）。例如：${EXAMPLE_ID}`,
    en: `The check digit of the ID number is wrong; please check the last character (or a mistyped digit before it). Example: ${EXAMPLE_ID}`,
  },
  'document.unreadable': {
    zh: '没能认出这个证件号码，请只发证件上的号码。例如护照：E12345678，回乡证：H12345678',
    en: 'We could not read this document number; please send only the number on the document. Example passport: E12345678, Home Return Permit: H12345678',
  },
  'phone.landline': {
    zh: '这好像是座机号码，请留一个手机号。例如：13812345678',
    en: 'This looks like a landline; please give a mobile number. Example: 13812345678',
  },
  'phone.length': {
    zh: '手机号应该是 11 位，好像多了或少了一位，请再检查一下。例如：13812345678',
    en: 'A mobile number has 11 digits; this one has one too many or too few. Example: 13812345678',
  },
  'phone.invalid': {
    zh: '这不像是一个手机号，请再检查一下。例如：13812345678',
    en: 'This does not look like a mobile number; please check it. Example: 13812345678',
  },
  'phone.foreign': {
    zh: '请留一个中国大陆的手机号。例如：13812345678',
    en: 'Please give a mobile number of mainland China. Example: 13812345678',
  },
  'name.digits': {
    zh: '姓名里不能有数字，请只写姓名。例如：张伟',
    en: 'A name has no digits; please write the name only. Example: Zhang Wei',
  },
  'name.length': {
    zh: '姓名应该是 2 到 20 个字，请写全名。例如：张伟',
    en: 'A name has 2 to 20 letters; please write the full name. Example: Zhang Wei',
  },
  'name.characters': {
    zh: '姓名里好像有符号或表情，请只写证件上的姓名。例如：买买提·艾力',
    en: 'The name seems to contain symbols; please write the name as on the ID. Example: Zhang Wei',
  },
  'room.unreadable': {
    zh: '没看懂房号，请写楼栋、单元和房号。例如：3栋2单元502',
    en: 'We could not read the room; please give building, unit and room. Example: 3-2-502',
  },
  'date.unreadable': {
    zh: '没看懂这个日期，请再写一次。例如：3月1日、昨天、2022-12-01',
    en: 'We could not read this date; please write it again. Example: 2022-12-01, yesterday, Dec 1',
  },
  'date.invalid': {
    zh: '日历上没有这一天，请再检查一下。例如：2月28日',
    en: 'This day is not on the calendar; please check it. Example: Feb 28',
  },
  'date.future': {
    zh: '这个日期还没到，请写已经过去的日期。例如：昨天、3月1日',
    en: 'This date is in the future; please give a date that has passed. Example: yesterday',
  },
  'health.unreadable': {
    zh: '请回复健康码的颜色：绿码、黄码或红码。',
    en: 'Please reply with the colour of the health code: green, yellow or red.',
  },
  'yesno.unreadable': {
    zh: '请回复“是”或“否”。',
    en: 'Please reply "yes" or "no".',
  },
  'choice.unreadable': {
    zh: '没看懂您的选择，请回复选项前面的数字。例如：1',
    en: 'We could not tell which option you chose; please reply with its number. Example: 1',
  },
  'choice.ambiguous': {
    zh: '您的回答符合不止一个选项，请回复选项前面的数字。例如：1',
    en: 'Your answer fits more than one option; please reply with the number of one. Example: 1',
  },
  'integer.unreadable': {
    zh: '请回复一个数字。例如：3',
    en: 'Please reply with a number. Example: 3',
  },
  'integer.range': {
    zh: '这个数字超出了可以填写的范围，请再检查一下。',
    en: 'This number is outside the range we can accept; please check it.',
  },
  'place.unreadable': {
    zh: '没看懂这个地方，请写省和市。例如：广东揭阳',
    en: 'We could not read this place; please give province and city. Example: Wuhan, Hubei (湖北武汉)',
  },
  'place.unknown': {
    zh: '没找到这个城市，请写省和市。例如：湖北武汉',
    en: 'We did not find this city; please give province and city. Example: Hubei Wuhan',
  },
  'date.too-old': {
    zh: '这个日期早于{days}天前了。如果是{days}天以前到的，请回复「返回」，上一题回答「没有」。',
    en: 'That is more than {days} days ago. If you arrived earlier than that, reply "back" and answer "no" to the previous question.',
  },
  'room.unknown': {
    zh: '本小区没有找到这个房号，请再检查一下楼栋、单元和房号。例如：3栋2单元502',
    en: 'This room was not found in the compound; please check building, unit and room. Example: 3-2-502',
  },
  'room.unknown-suggest': {
    zh: '本小区没有找到这个房号。您是不是住在「{suggestion}」？是的话请照这个写法再发一次。',
    en: 'This room was not found in the compound. Do you mean "{suggestion}"? If so, please send it written like that.',
  },
  'consent.unreadable': {
    zh: '同意登记请回复「同意」，不登记请回复「取消」。',
    en: 'Reply "agree" to register, or "cancel" not to.',
  },
  'consent.refused': {
    zh: '需要您同意才能登记。同意请回复「同意」，不登记请回复「取消」。',
    en: 'We can only register you with your agreement. Reply "agree", or "cancel" not to register.',
  },
  'test.result': {
    zh: '请写上检测日期和结果（阴性、阳性或未出结果）。例如：昨天 阴性',
    en: 'Please give the date and the result (negative, positive or pending). Example: yesterday negative',
  },
  'place.no-city': {
    zh: '请再告诉我们是哪个城市。例如：湖北武汉',
    en: 'Please tell us the city as well. Example: Hubei Wuhan',
  },
  'name.not-a-name': {
    zh: '这好像不是姓名，请写证件上的姓名。例如：张伟',
    en: 'That does not look like a name; please write the name as on the ID. Example: Zhang Wei',
  },
  'room.too-long': {
    zh: '房号不会这么长，请只写楼栋、单元和房号（{max}个字以内）。例如：3栋2单元502',
    en: 'A room is never that long; please give only building, unit and room (at most {max} characters). Example: 3-2-502',
  },
  'place.too-long': {
    zh: '户籍地写省和市就可以（{max}个字以内）。例如：广东揭阳',
    en: 'Province and city are enough (at most {max} characters). Example: Hubei Wuhan',
  },
  'place.is-date': {
    zh: '这是一个日期，不是地方。请写户籍地的省和市。例如：广东揭阳',
    en: 'That is a date, not a place. Please give the province and city of your household registration. Example: Hubei Wuhan',
  },
  'contact.place': {
    zh: '这是一个地方，请写房东的姓名或电话。不知道可以回复「跳过」。例如：李先生 13812345678',
    en: 'That is a place; please give your landlord\'s name or phone. Reply "skip" if you do not know. Example: Mr Li 13812345678',
  },
  'contact.unreadable': {
    zh: '请写房东的姓名或电话。不知道可以回复「跳过」。例如：李先生 13812345678',
    en: 'Please give your landlord\'s name or phone. Reply "skip" if you do not know. Example: Mr Li 13812345678',
  },
  'contact.too-long': {
    zh: '姓名和电话不会这么长，请只写房东的姓名或电话（{max}个字以内）。',
    en: 'A name and phone are never that long; please give only the landlord\'s name or phone (at most {max} characters).',
  },
  'text.too-long': {
    zh: '内容太长了，请简短写（{max}个字以内），详细情况可以回复「人工」请工作人员联系您。',
    en: 'That is too long; please keep it short (at most {max} characters), or reply "staff" and someone will contact you.',
  },
  'same.nothing': {
    zh: '您自己这一题没有填，没法照抄，请直接回答。',
    en: 'You did not answer this one yourself, so there is nothing to copy; please answer it.',
  },
  'time.unreadable': {
    zh: '没有看懂发送时间。请写日期和钟点，例如「明天8点」「3月5日 9:00」；马上发送请回复「现在」。',
    en: 'We could not read the time to send. Please give a day and a time, e.g. "tomorrow 8:00" or "3/5 9:00"; reply "now" to send at once.',
  },
  'time.past': {
    zh: '这个时间已经过去了，请写一个以后的时间；马上发送请回复「现在」。',
    en: 'That time has passed; please give a later one, or reply "now" to send at once.',
  },
} as const satisfies Record<string, ReasonMessage>;

export type ReasonCode = keyof typeof REASONS;

export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

export function isReasonCode(code: string): code is ReasonCode {
  return Object.hasOwn(REASONS, code);
}

const UNKNOWN: ReasonMessage = {
  zh: '没看懂您的回答，请再回复一次。',
  en: 'We could not understand the answer; please reply once more.',
};

/** The message for a reason code; codes from elsewhere get a general request to answer again. */
export function reasonText(code: string, lang: Language): string {
  const message = isReasonCode(code) ? REASONS[code] : UNKNOWN;
  return lang === 'zh-CN' ? message.zh : message.en;
}
