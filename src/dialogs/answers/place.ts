/** Places in China as people name them: 广东揭阳, 湖北省武汉市洪山区, 武汉, 从武汉来的. */

import { pinyin } from 'pinyin-pro';
import { normalize } from './normalize.ts';
import { PROVINCES, type ProvinceData } from './places-data.ts';
import { accept, refuse, type AnswerResult } from './result.ts';

export interface Place {
  raw: string;
  /** The official name: 广东省, 北京市, 广西壮族自治区. */
  province: string | null;
  /** The official name of the prefecture-level city: 揭阳市; a municipality is its own city. */
  city: string | null;
}

export interface City {
  province: string;
  city: string;
}

interface NameEntry {
  province: ProvinceData;
  /** Null when the name is of the province itself. */
  city: string | null;
}

const SHORTENED_SUFFIX = /(?:市|地区|盟|林区)$/;

// Every way of writing each province and city, to the divisions it may mean (吉林 is both).
const NAMES = new Map<string, NameEntry[]>();

function addName(name: string, entry: NameEntry): void {
  if (name.length < 2) return;
  NAMES.set(name, [...(NAMES.get(name) ?? []), entry]);
}

for (const province of PROVINCES) {
  addName(province.name, { province, city: null });
  for (const short of province.shortNames) {
    addName(short, { province, city: null });
    // People call autonomous regions provinces: 广西省, 内蒙古省.
    if (!province.name.endsWith('省') && !province.selfGoverned) addName(`${short}省`, { province, city: null });
  }
  for (const written of province.cities) {
    const [city = written, shortList] = written.split(':');
    addName(city, { province, city });
    const shorts = shortList === undefined ? [city.replace(SHORTENED_SUFFIX, '')] : shortList.split('/');
    for (const short of shorts) addName(short, { province, city });
  }
}

// The same names in pinyin, as people write them in English: Wuhan, Guangdong Jieyang, Chongqing.
const LATIN_NAMES = new Map<string, NameEntry[]>();

/** 'wuhan' for 武汉; ü written as u (Lvliang, Luliang), apostrophes and spaces dropped. */
const latinOf = (name: string) => pinyin(name, { toneType: 'none', type: 'array', v: true }).join('').toLowerCase();

for (const [name, entries] of NAMES) {
  // Only the short names: nobody writes Wuhanshi.
  if (/(?:省|市|自治区|地区|盟|自治州|林区)$/.test(name)) continue;
  for (const entry of entries) {
    const latin = latinOf(name);
    const known = LATIN_NAMES.get(latin) ?? [];
    if (!known.some((other) => other.province === entry.province && other.city === entry.city)) LATIN_NAMES.set(latin, [...known, entry]);
  }
}
for (const [latin, chinese] of [['hongkong', '香港'], ['macau', '澳门'], ['macao', '澳门']] as const) {
  const entries = NAMES.get(chinese);
  if (entries) LATIN_NAMES.set(latin, entries);
}

const LONGEST_NAME = Math.max(...[...NAMES.keys()].map((name) => name.length));

// Latin names are whole words, or two written apart (Wu Han, Hong Kong): 'daily' holds no 大理.
function latinNamesIn(text: string): NameEntry[][] {
  const words = text.toLowerCase().replace(/[üv]/g, 'v').replace(/['’]/g, '').match(/[a-z]+/g) ?? [];
  const found: NameEntry[][] = [];
  for (let i = 0; i < words.length; i += 1) {
    const pair = LATIN_NAMES.get(`${words[i] ?? ''}${words[i + 1] ?? ''}`);
    const single = LATIN_NAMES.get(words[i] ?? '') ?? LATIN_NAMES.get((words[i] ?? '').replace(/u/g, 'v'));
    if (pair && i + 1 < words.length) {
      found.push(pair);
      i += 1;
    } else if (single) {
      found.push(single);
    }
  }
  return found;
}

// The names in the text, left to right, each the longest that starts there (吉林市 rather than 吉林).
function namesIn(text: string): NameEntry[][] {
  const found: NameEntry[][] = [];
  for (let start = 0; start < text.length; ) {
    let length = Math.min(LONGEST_NAME, text.length - start);
    for (; length >= 2; length--) {
      const entries = NAMES.get(text.slice(start, start + length));
      if (entries) {
        found.push(entries);
        break;
      }
    }
    start += length >= 2 ? length : 1;
  }
  return found;
}

function locate(text: string): { province: ProvinceData | null; city: string | null } {
  let province: ProvinceData | null = null;
  let city: string | null = null;
  for (const entries of [...namesIn(text.replace(/\s+/g, '')), ...latinNamesIn(text)]) {
    const asProvince = entries.find((entry) => entry.city === null);
    const cities = entries.filter((entry) => entry.city !== null && (province === null || entry.province === province));
    // Taizhou is 台州 or 泰州: a name of two cities counts only where the province tells which.
    const asCity = cities.length === 1 ? cities[0] : undefined;
    if (province === null && asProvince) {
      province = asProvince.province;
    } else if (city === null && asCity) {
      province = asCity.province;
      city = asCity.city;
    }
  }
  if (province?.selfGoverned) city = province.name;
  return { province, city };
}

/** A household-registration place (户籍地): free text, with province and city where recognisable. */
export function readPlace(text: string): AnswerResult<Place> {
  const raw = normalize(text);
  if (raw === '') return refuse('answer.empty');
  if (!/[\p{Script=Han}A-Za-z]/u.test(raw)) return refuse('place.unreadable');
  const { province, city } = locate(raw);
  return accept({ raw, province: province?.name ?? null, city });
}

/** A city, such as where a person travelled from ('武汉', '从武汉来的'). */
export function readCity(text: string): AnswerResult<City> {
  const normalized = normalize(text);
  if (normalized === '') return refuse('answer.empty');
  const { province, city } = locate(normalized);
  if (province === null) return refuse('place.unknown');
  if (city === null) return refuse('place.no-city');
  return accept({ province: province.name, city });
}
