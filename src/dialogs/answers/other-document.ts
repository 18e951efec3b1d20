/** Travel documents of people who have no mainland resident ID: passports and the permits for Hong Kong, Macao and Taiwan. */

import { normalize } from './normalize.ts';
import { accept, refuse, type AnswerResult } from './result.ts';

export type DocumentKind = 'passport' | 'hk-macao-permit' | 'taiwan-permit' | 'exit-entry-permit';

export interface OtherDocument {
  kind: DocumentKind;
  /** Upper-case letters and digits, without spaces or brackets. */
  number: string;
}

const SHAPES: Readonly<Record<DocumentKind, RegExp>> = {
  // 回乡证: H (Hong Kong) or M (Macao), then 8 digits, or 10 on the older booklets.
  'hk-macao-permit': /^[HM](?:\d{8}|\d{10})$/,
  // 港澳通行证: C and 8 letters or digits.
  'exit-entry-permit': /^C[A-Z0-9]{8}$/,
  // 台胞证: 8 digits on the card; the older booklets add 2 characters, often in brackets.
  'taiwan-permit': /^\d{8}(?:[A-Z0-9]{2})?$/,
  // Chinese passports are E12345678 or EA1234567; foreign ones vary, mostly around 9 characters.
  passport: /^(?:[A-Z]{1,2}\d{7,9}|(?=[A-Z0-9]*\d)[A-Z0-9]{9})$/,
};

// When a number fits several shapes and the person did not name the document, the likelier one wins.
const UNLABELLED_ORDER: readonly DocumentKind[] = ['hk-macao-permit', 'exit-entry-permit', 'taiwan-permit', 'passport'];

const LABELS: readonly { kind: DocumentKind; pattern: RegExp }[] = [
  { kind: 'hk-macao-permit', pattern: /回乡证|港澳居民来往内地通行证|home ?return ?permit/i },
  { kind: 'taiwan-permit', pattern: /台胞证|台湾居民来往大陆通行证|mtp/i },
  { kind: 'exit-entry-permit', pattern: /港澳通行证|往来港澳通行证|exit-?entry ?permit/i },
  { kind: 'passport', pattern: /护照|passport/i },
];

// What may surround the number once the document's name is gone: 号码是：, No., a full stop.
const LEADING_WORDS = /^[^A-Za-z0-9]*(?:(?:number|no)(?:\s*[.:]\s*|\s+))?/i;
const TRAILING_PUNCTUATION = /[^A-Za-z0-9]+$/;

export function readOtherDocument(text: string): AnswerResult<OtherDocument> {
  const normalized = normalize(text);
  if (normalized === '') return refuse('answer.empty');
  const label = LABELS.find(({ pattern }) => pattern.test(normalized));
  const unlabelled = label ? normalized.replace(label.pattern, '') : normalized;
  const number = unlabelled
    .replace(LEADING_WORDS, '')
    .replace(TRAILING_PUNCTUATION, '')
    .replace(/[\s()-]/g, '')
    .toUpperCase();
  const kinds = label ? [label.kind] : UNLABELLED_ORDER;
  const kind = kinds.find((candidate) => SHAPES[candidate].test(number));
  return kind === undefined ? refuse('document.unreadable') : accept({ kind, number });
}
