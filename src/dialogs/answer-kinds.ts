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
  readRoom,
  readYesNo,
  type Room,
} from './answers/index.ts';
import { differenceInCalendarDays, parseISO } from 'date-fns';
import { maskIdNumber, maskPhone } from '../store/mask.ts';
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
}

export type ReadOutcome =
  | { ok: true; value: JsonValue; skipped?: false }
  | { ok: true; value: null; skipped: true }
  | { ok: false; reason: string; params?: Record<string, string> };

const noneWords = new Set(['无', '没有', '没', '无。', '暂无', '没了', 'none', 'no', 'nothing', 'n/a', '-']);
const isNone = (text: string) => noneWords.has(normalize(text).toLowerCase().replace(/[。.!！]+$/, ''));

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
  if (isNone(text)) return { ok: true, value: [] };
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

function readRoomAnswer(text: string, context: ReadContext): ReadOutcome {
  const room = readRoom(text);
  if (!room.ok) return { ok: false, reason: room.reason };
  const check = context.checkRoom?.(room.value);
  if (check && !check.exists) {
    return check.suggestion
      ? { ok: false, reason: 'room.unknown-suggest', params: { suggestion: check.suggestion } }
      : { ok: false, reason: 'room.unknown' };
  }
  const { raw, building, unit, room: number, street } = room.value;
  return { ok: true, value: { raw, building, unit, room: number, street } };
}

const fromResult = <T extends JsonValue>(result: { ok: true; value: T } | { ok: false; reason: string }): ReadOutcome =>
  result.ok ? { ok: true, value: result.value } : { ok: false, reason: result.reason };

export function readAnswer(question: Question, text: string, context: ReadContext): ReadOutcome {
  if (question.optional && question.kind !== 'cities' && isNone(text)) return { ok: true, value: null, skipped: true };
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
      return value === '' ? { ok: false, reason: 'answer.empty' } : { ok: true, value: value.slice(0, 500) };
    }
    case 'place': {
      const place = readPlace(text);
      return place.ok ? { ok: true, value: { raw: place.value.raw, province: place.value.province, city: place.value.city } } : { ok: false, reason: place.reason };
    }
    case 'past-date':
      return fromResult(readPastDate(text, context.today));
    case 'recent-date':
      return readRecentDate(text, question, context);
    case 'yes-no':
      return fromResult(readYesNo(text));
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
      return `${number}（${sex}，${str(document['birthDate'])}）`;
    }
    case 'mobile':
      return unmasked ? str(value) : maskPhone(str(value));
    case 'room':
      return str(asRecord(value)['raw']);
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
      return Array.isArray(value) && value.length > 0 ? value.map((c) => str(asRecord(c)['city'])).join('、') : lang === 'en' ? 'none' : '无';
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
