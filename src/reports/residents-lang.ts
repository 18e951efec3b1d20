import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { formatAnswer, type JsonValue } from '../dialogs/answer-kinds.ts';
import { loadForm } from '../dialogs/form.ts';
import { registrationFormId } from '../bot/handlers/registration/engine-context.ts';
import type { ResidentRow, residentKeys } from './residents.ts';

/**
 * The residents export in a language: `en` keeps the keys and values scripts read (owner, green,
 * an ISO time); `zh` is for a committee's spreadsheet: Chinese headers, the form's own words for
 * the answers, and times in the community's time zone.
 */
export const exportLanguages = ['en', 'zh'] as const;
export type ExportLang = (typeof exportLanguages)[number];

type ResidentKey = (typeof residentKeys)[number];
export type Cell = string | number | boolean | null;

export interface ExportStyle {
  lang: ExportLang;
  timeZone: string;
}

const chineseHeaders: Record<ResidentKey, string> = {
  name: '姓名',
  idNumber: '身份证号',
  phone: '手机号',
  building: '楼栋',
  unit: '单元',
  room: '房号',
  role: '身份',
  hukou: '户籍地',
  since: '入住时间',
  returned: '14天内从外地来',
  fromCity: '出发城市',
  arrivalDate: '到达日期',
  viaCities: '途经城市',
  healthCode: '健康码',
  vaccineDoses: '疫苗剂次',
  observationUntil: '居家观察至',
  registeredAt: '登记时间',
  householdId: '户号',
  site: '小区',
  lastTest: '最近核酸',
  notes: '其他情况',
};

export const headerOf = (key: ResidentKey, lang: ExportLang): string => (lang === 'zh' ? chineseHeaders[key] : key);

const form = loadForm(registrationFormId);

/** An answer in the form's own Chinese words (业主, 绿码, 阴性), as the resident saw it. */
function formWords(questionId: string, value: JsonValue): string {
  const question = form.questions.find((q) => q.id === questionId);
  return question ? formatAnswer(question, value, 'zh-CN', true) : String(value);
}

export function cellOf(row: ResidentRow, key: ResidentKey, style: ExportStyle): Cell {
  const value = row[key];
  if (value === null) return null;
  if (Array.isArray(value)) return value.join('、');
  if (key === 'lastTest' && typeof value === 'object') {
    return style.lang === 'zh' ? formWords('lastTest', value) : `${value.date} ${value.result}`;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  if (style.lang === 'en') return value;
  if (key === 'role' || key === 'healthCode' || key === 'returned') return formWords(key, value);
  if (key === 'registeredAt' && typeof value === 'string') return format(new TZDate(new Date(value).getTime(), style.timeZone), 'yyyy-MM-dd HH:mm');
  return value;
}

/** A row for JSON lines: the keys scripts read, the values in the export's language. */
export function jsonOf(row: ResidentRow, keys: readonly ResidentKey[], style: ExportStyle): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, style.lang === 'en' ? row[key] : cellOf(row, key, style)]));
}
