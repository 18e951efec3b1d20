/** The answer readers: pure functions from what a person typed to a normalised value or a reason to re-ask. */

export { accept, refuse, type AnswerResult, type Found } from './result.ts';
export { REASONS, REASON_CODES, isReasonCode, reasonText, type Language, type ReasonCode } from './reasons.ts';
export { normalize, toHalfWidth, withoutInvisible } from './normalize.ts';
export { parseChineseNumber, parseNumberWord } from './chinese-numerals.ts';
export { findIdNumbers, idCheckChar, isValidIdChecksum, readIdNumber, type IdNumber } from './id-number.ts';
export { readOtherDocument, type DocumentKind, type OtherDocument } from './other-document.ts';
export { findPhones, readMobilePhone } from './phone.ts';
export { readPersonName } from './name.ts';
export { findRoom, readRoom, type Room } from './room.ts';
export { findDate, readDate, readPastDate, type DateOptions } from './date.ts';
export { readHealthCode, type HealthCode } from './health-code.ts';
export { readChoice, readYesNo, type ChoiceOption } from './choice.ts';
export { readInteger, type IntegerRange } from './integer.ts';
export { readCity, readPlace, type City, type Place } from './place.ts';
export { PROVINCES, type ProvinceData } from './places-data.ts';
export { readSendTime, type SendTime } from './send-time.ts';
