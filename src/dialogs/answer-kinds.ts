import {
  findDate,
  normalize,
  readChoice,
  readCity,
  readHealthCode,
  readIdNumber,
  readInteger,
  readMobilePhone,
  readOtherDocument,
  readPastDate,
  readPersonName,
  readPlace,
  readYesNo,
  type Room,
} from './answers/index.ts';
import { readContact } from './answers/contact.ts';
import { MAX_LENGTH } from './answers/length-limits.ts';
import { isMostlyDate, readPastDateOrMonth } from './answers/month.ts';
import { saysDontKnow, saysNone, withoutCorrection } from './answers/sentence.ts';
import { readYesNoInWords } from './answers/yes-no-words.ts';
import { readRoomAnswer } from './room-answer.ts';
import { differenceInCalendarDays, parseISO } from 'date-fns';
import { maskIdNumber, maskPhone } from '../privacy/index.ts';
import type { Question } from './form.ts';
import type { Lang } from './messages/index.ts';

/**
 * One reader per kind of question, over the answer readers: what a person typed becomes a value
 * that can be stored as JSON, or a reason to ask again.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type IdDocument =
  | { type: 'resident-id'; number: string; birthDate: string; sex: 'male' | 'female' }
  | { type: 'passport' | 'hk-macao-permit' | 'taiwan-permit' | 'exit-entry-permit'; number: string };

/** Whether a room exists where the chat is bound; a suggestion when it does not. */
export type RoomCheck = { exists: true } | { exists: false; suggestion: string | null };

export interface ReadContext {
  today: string;
  lang: Lang;
  checkRoom?: (room: Room) => RoomCheck;
  /** The site where the chat is bound: kept with a room. */
  site?: string;
}

export type ReadOutcome =
  | { ok: true; value: JsonValue; skipped?: false }
  | { ok: true; value: null; skipped: true }
  | { ok: false; reason: string; params?: Record<string, string> };

// Kinds whose answer may come inside a correction (「刚才写错了 3栋301」); a yes or no may not, 不是 being one.
const correctable = new Set<Question['kind']>(['name', 'id-document', 'mobile', 'room', 'place', 'past-date', 'recent-date', 'city', 'integer', 'contact', 'health-code']);
const tooLong = (max: number, reason: string): ReadOutcome => ({ ok: false, reason, params: { max: String(max) } });

const negativeWords = /阴性|阴|negative|neg/i;
const positiveWords = /阳性|阳|positive|pos/i;
const pendingWords = /未出|没出|还没出|等结果|pending/i;
const otherDocumentLabel = /护照|passport|回乡证|台胞证|通行证|permit/i;

function readIdDocument(text: string, today: string): ReadOutcome {
  const normalized = normalize(text);
  if (!otherDocumentLabel.test(normalized)) {
    const id = readIdNumber(normalized, today);
    if (id.ok) return { ok: true, value: { type: 'resident-id', number: id.value.idNumber, birthDate: id.value.birthDate, sex: id.value.sex } };
    return { ok: false, reason: id.reason };
  }
  const other = readOtherDocument(normalized);
  if (!other.ok) return { ok: false, reason: other.reason };
  return { ok: true, value: { type: other.value.kind, number: other.value.number } };
}

function readRecentDate(text: string, question: Question, context: ReadContext): ReadOutcome {
  const date = readPastDate(text, context.today);
  if (!date.ok) return { ok: false, reason: date.reason };
  const days = differenceInCalendarDays(parseISO(context.today), parseISO(date.value));
  const limit = question.maxDaysAgo ?? 14;
  if (days > limit) return { ok: false, reason: 'date.too-old', params: { days: String(limit) } };
  return { ok: true, value: date.value };
}

function readCities(text: string): ReadOutcome {
  const bare = normalize(text).replace(/[\s.,!?~。！？～]+$/u, '');
  if (saysNone(text) || /^(?:没有?|无)(?:经过|去过|路过|到过)?(?:别的|其他|其它|任何)?(?:地方|城市)?了?$/u.test(bare)) return { ok: true, value: [] };
  const parts = normalize(text)
    .split(/[,，、;；\s]+|和|及|经过|途经|再到|到/u)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const cities: JsonValue[] = [];
  for (const part of parts) {
    const city = readCity(part);
    if (city.ok) cities.push({ province: city.value.province, city: city.value.city });
  }
  if (cities.length === 0) return { ok: false, reason: 'place.unknown' };
  return { ok: true, value: cities };
}

function readTestResult(text: string, today: string): ReadOutcome {
  const found = findDate(text, today);
  const date = found?.result.ok ? found.result.value : null;
  if (date === null) return { ok: false, reason: 'date.unreadable' };
  if (date > today) return { ok: false, reason: 'date.future' };
  const rest = found ? text.slice(0, found.index) + text.slice(found.index + found.length) : text;
  const result = pendingWords.test(rest) ? 'pending' : negativeWords.test(rest) ? 'negative' : positiveWords.test(rest) ? 'positive' : null;
  if (result === null) return { ok: false, reason: 'test.result' };
  return { ok: true, value: { date, result } };
}

const fromResult = <T extends JsonValue>(result: { ok: true; value: T } | { ok: false; reason: string }): ReadOutcome =>
  result.ok ? { ok: true, value: result.value } : { ok: false, reason: result.reason };

function readPlaceAnswer(text: string, today: string): ReadOutcome {
  if (normalize(text).length > MAX_LENGTH.place) return tooLong(MAX_LENGTH.place, 'place.too-long');
  // A date typed here answers another question; a date inside a sentence about the place does not count.
  if (isMostlyDate(text, today)) return { ok: false, reason: 'place.is-date' };
  const place = readPlace(text);
  if (!place.ok) return { ok: false, reason: place.reason };
  const { raw, province, city } = place.value;
  if (province === null && !/[\p{Script=Han}A-Za-z]{2}/u.test(raw.replace(/\d+/g, ''))) return { ok: false, reason: 'place.unreadable' };
  return { ok: true, value: { raw, province, city } };
}

export function readAnswer(question: Question, typed: string, context: ReadContext): ReadOutcome {
  if (question.optional && question.kind !== 'cities' && (saysNone(typed) || saysDontKnow(typed))) return { ok: true, value: null, skipped: true };
  const text = correctable.has(question.kind) ? withoutCorrection(typed) : typed;
  switch (question.kind) {
    case 'consent': {
      const yes = readYesNo(text);
      if (!yes.ok) return { ok: false, reason: 'consent.unreadable' };
      return yes.value ? { ok: true, value: true } : { ok: false, reason: 'consent.refused' };
    }
    case 'name':
      return fromResult(readPersonName(text));
    case 'id-document':
      return readIdDocument(text, context.today);
    case 'mobile':
      return fromResult(readMobilePhone(text));
    case 'room':
      return readRoomAnswer(text, context);
    case 'choice':
      return fromResult(readChoice(text, (question.options ?? []).map((o) => ({ value: o.value, words: [...o.words, o.label['zh-CN'], o.label.en] }))));
    case 'text': {
      const value = normalize(text);
      if (value.length > MAX_LENGTH.text) return tooLong(MAX_LENGTH.text, 'text.too-long');
      return value === '' ? { ok: false, reason: 'answer.empty' } : { ok: true, value };
    }
    case 'contact': {
      const contact = readContact(text, context.today);
      return contact.ok || contact.reason !== 'contact.too-long' ? fromResult(contact) : tooLong(MAX_LENGTH.contact, contact.reason);
    }
    case 'place':
      return readPlaceAnswer(text, context.today);
    case 'past-date':
      return fromResult(question.month ? readPastDateOrMonth(text, context.today) : readPastDate(text, context.today));
    case 'recent-date':
      return readRecentDate(text, question, context);
    case 'yes-no':
      return fromResult(readYesNoInWords(text));
    case 'city': {
      const city = readCity(text);
      return city.ok ? { ok: true, value: { province: city.value.province, city: city.value.city } } : { ok: false, reason: city.reason };
    }
    case 'cities':
      return readCities(text);
    case 'health-code':
      return fromResult(readHealthCode(text));
    case 'integer':
      return fromResult(readInteger(text, { min: question.min ?? 0, max: question.max ?? 1000 }));
    case 'test-result':
      return readTestResult(text, context.today);
  }
}

const documentLabel: Record<string, Record<Lang, string>> = {
  passport: { 'zh-CN': '护照', en: 'passport' },
  'hk-macao-permit': { 'zh-CN': '回乡证', en: 'Home Return Permit' },
  'taiwan-permit': { 'zh-CN': '台胞证', en: 'Mainland Travel Permit for Taiwan Residents' },
  'exit-entry-permit': { 'zh-CN': '港澳通行证', en: 'Exit-Entry Permit' },
};
const sexLabel = { male: { 'zh-CN': '男', en: 'male' }, female: { 'zh-CN': '女', en: 'female' } } as const;
const colourLabel: Record<string, Record<Lang, string>> = {
  green: { 'zh-CN': '绿码', en: 'green' },
  yellow: { 'zh-CN': '黄码', en: 'yellow' },
  red: { 'zh-CN': '红码', en: 'red' },
};
const testLabel: Record<string, Record<Lang, string>> = {
  negative: { 'zh-CN': '阴性', en: 'negative' },
  positive: { 'zh-CN': '阳性', en: 'positive' },
  pending: { 'zh-CN': '未出结果', en: 'pending' },
};

const asRecord = (value: JsonValue): Record<string, JsonValue> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
const str = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '');

/** An answer as the summary shows it; personal data masked unless `unmasked`. */
export function formatAnswer(question: Question, value: JsonValue, lang: Lang, unmasked = false): string {
  const yes = lang === 'en' ? 'yes' : '是';
  const no = lang === 'en' ? 'no' : '否';
  if (value === null) return lang === 'en' ? '(skipped)' : '（未填）';
  switch (question.kind) {
    case 'consent':
    case 'yes-no':
      return value === true ? yes : no;
    case 'id-document': {
      const document = asRecord(value);
      const number = unmasked ? str(document['number']) : maskIdNumber(str(document['number']));
      if (document['type'] !== 'resident-id') return `${documentLabel[str(document['type'])]?.[lang] ?? str(document['type'])} ${number}`;
      const sex = document['sex'] === 'female' ? sexLabel.female[lang] : sexLabel.male[lang];
      return lang === 'en' ? `${number} (${sex}, ${str(document['birthDate'])})` : `${number}（${sex}，${str(document['birthDate'])}）`;
    }
    case 'mobile':
      return unmasked ? str(value) : maskPhone(str(value));
    case 'room': {
      const room = asRecord(value);
      return str(room['text']) || str(room['raw']);
    }
    case 'choice':
      return question.options?.find((o) => o.value === value)?.label[lang] ?? str(value);
    case 'place': {
      const place = asRecord(value);
      // A municipality is its own city: 北京市 once, not twice.
      const parts = [...new Set([str(place['province']), str(place['city'])].filter((part) => part !== ''))];
      return parts.length > 0 ? parts.join(' ') : str(place['raw']);
    }
    case 'city':
      return str(asRecord(value)['city']);
    case 'cities':
      return Array.isArray(value) && value.length > 0 ? value.map((c) => str(asRecord(c)['city'])).join(lang === 'en' ? ', ' : '、') : lang === 'en' ? 'none' : '无';
    case 'health-code':
      return colourLabel[str(value)]?.[lang] ?? str(value);
    case 'test-result': {
      const test = asRecord(value);
      return `${str(test['date'])} ${testLabel[str(test['result'])]?.[lang] ?? ''}`.trim();
    }
    default:
      return String(value);
  }
}
