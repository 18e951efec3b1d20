/**
 * Before a roster line goes to a language model, every ID number and phone in it is replaced by a
 * placeholder (⟨ID1⟩, ⟨PHONE1⟩), valid or not, and put back in what the model returns: no ID
 * number or phone leaves the machine. Any other run of seven or more digits, or of Chinese digits,
 * is hidden the same way, since it may be either written in a way no reader knows.
 */

import { findIdNumbers, findPhones, toHalfWidth } from '../answers/index.ts';

export type PlaceholderKind = 'ID' | 'PHONE';

interface Span {
  index: number;
  length: number;
  kind: PlaceholderKind;
}

// 15 to 20 digits is an ID number with digits missing or extra; shorter runs are phones.
const ID_DIGITS = 13;
const LONG_NUMBER = /(?<![\dA-Za-z])\d{13,20}[Xx]?(?![\dA-Za-z])/g;
const ANY_DIGITS = /\d(?:[ \-.]?\d){6,}[Xx]?/g;
const MOBILE_DIGITS = 11;
// 2022.12.01 and 12-2-1502 have seven digits too, but are a date and a room.
const DATE_SHAPE = /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/;
const ROOM_SHAPE = /^\d{1,3}-(?:\d{1,2}-)?\d{3,4}$/;
const CHINESE_DIGITS = /[零〇一二两三四五六七八九幺]{7,}/g;
const PLACEHOLDER = /⟨(ID|PHONE)(\d+)⟩/g;
// Models sometimes write the brackets otherwise: <ID1>, 〈ID1〉, 《ID1》.
const LOOSE_PLACEHOLDER = /^\s*[⟨<〈《[]?\s*(ID|PHONE)\s*(\d+)\s*[⟩>〉》\]]?\s*$/i;

// "3-2-502 2022.12.1" runs to twelve digits, but is a room and a date.
function isRoomsAndDates(run: string, digits: number): boolean {
  const pieces = run.split(' ');
  if (pieces.length === 1) return digits < MOBILE_DIGITS - 1 && (DATE_SHAPE.test(run) || ROOM_SHAPE.test(run));
  return pieces.every((piece) => DATE_SHAPE.test(piece) || ROOM_SHAPE.test(piece));
}

export class PlaceholderTable {
  private readonly byPlaceholder = new Map<string, string>();
  private readonly byValue = new Map<string, string>();
  private readonly counts: Record<PlaceholderKind, number> = { ID: 0, PHONE: 0 };

  /** The text with every ID number, phone and long number replaced by a placeholder. */
  hide(text: string): string {
    const halfWidth = toHalfWidth(text);
    const spans: Span[] = [];
    let masked = halfWidth;
    const add = (index: number, length: number, kind: PlaceholderKind): void => {
      if (masked.slice(index, index + length).includes('\u0000')) return;
      spans.push({ index, length, kind });
      masked = masked.slice(0, index) + '\u0000'.repeat(length) + masked.slice(index + length);
    };
    for (const found of findIdNumbers(masked)) add(found.index, found.length, 'ID');
    for (const match of masked.matchAll(LONG_NUMBER)) add(match.index, match[0].length, 'ID');
    for (const found of findPhones(masked)) add(found.index, found.length, 'PHONE');
    for (const pattern of [ANY_DIGITS, CHINESE_DIGITS]) {
      for (const match of masked.matchAll(pattern)) {
        const digits = match[0].replace(/[^\d零〇一二两三四五六七八九幺]/g, '').length;
        if (isRoomsAndDates(match[0], digits)) continue;
        add(match.index, match[0].length, digits >= ID_DIGITS ? 'ID' : 'PHONE');
      }
    }
    spans.sort((a, b) => a.index - b.index);
    let out = '';
    let at = 0;
    for (const span of spans) {
      out += text.slice(at, span.index) + this.placeholderFor(text.slice(span.index, span.index + span.length), span.kind);
      at = span.index + span.length;
    }
    return out + text.slice(at);
  }

  /** What a placeholder stands for, as it was written; null if there is no such placeholder. */
  valueOf(placeholder: string): string | null {
    const canonical = canonicalPlaceholder(placeholder);
    return canonical === null ? null : (this.byPlaceholder.get(canonical) ?? null);
  }

  /** The text with every placeholder put back. */
  restore(text: string): string {
    return text.replace(PLACEHOLDER, (placeholder) => this.byPlaceholder.get(placeholder) ?? placeholder);
  }

  private placeholderFor(value: string, kind: PlaceholderKind): string {
    // The same number written twice the same way is one placeholder, so that the model can see it
    // repeats; written otherwise, it is another, so that every text is restored exactly as it was.
    const key = `${kind}:${value}`;
    const known = this.byValue.get(key);
    if (known !== undefined) return known;
    this.counts[kind] += 1;
    const placeholder = `⟨${kind}${this.counts[kind]}⟩`;
    this.byValue.set(key, placeholder);
    this.byPlaceholder.set(placeholder, value);
    return placeholder;
  }
}

/** ⟨ID1⟩ as the table writes it, from however the model wrote it; null for anything else. */
export function canonicalPlaceholder(text: string): string | null {
  const match = LOOSE_PLACEHOLDER.exec(text);
  if (match === null) return null;
  return `⟨${(match[1] ?? '').toUpperCase()}${match[2] ?? ''}⟩`;
}

export function placeholderKind(placeholder: string): PlaceholderKind | null {
  const canonical = canonicalPlaceholder(placeholder);
  if (canonical === null) return null;
  return canonical.startsWith('⟨ID') ? 'ID' : 'PHONE';
}
