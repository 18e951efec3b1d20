/** Someone to reach, such as a landlord: a name, a phone, or both (李先生 13812345678). */

import { MAX_LENGTH } from './length-limits.ts';
import { isMostlyDate } from './month.ts';
import { normalize } from './normalize.ts';
import { findPhones } from './phone.ts';
import { readPlace } from './place.ts';
import { accept, refuse, type AnswerResult } from './result.ts';

// How people call a landlord they know by surname only: 李先生, 王阿姨, 房东姓张.
const PERSON_WORDS = /先生|女士|小姐|阿姨|叔|哥|姐|老板|师傅|房东|姓|mr\.?|mrs\.?|ms\.?|miss/i;

/** The contact as typed, once it is seen to be one; a place or a date is not. */
export function readContact(text: string, today: string): AnswerResult<string> {
  const contact = normalize(text);
  if (contact === '') return refuse('answer.empty');
  if (contact.length > MAX_LENGTH.contact) return refuse('contact.too-long');
  if (!/[\p{Script=Han}A-Za-z]|\d{5,}/u.test(contact)) return refuse('contact.unreadable');
  const phones = findPhones(contact);
  if (phones.length > 0) return accept(contact);
  if (PERSON_WORDS.test(contact)) return accept(contact);
  const place = readPlace(contact);
  if (place.ok && (place.value.province !== null || place.value.city !== null)) return refuse('contact.place');
  if (isMostlyDate(contact, today)) return refuse('contact.unreadable');
  return accept(contact);
}
