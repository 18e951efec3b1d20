/**
 * Phones type full-width characters when the Chinese input method is on; readers see the same
 * half-width text whichever mode the person was in.
 */

const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_TO_HALF_OFFSET = 0xfee0;

// Characters outside the full-width block that input methods produce for ASCII punctuation.
// Every replacement is a single UTF-16 unit, so that finders can report indices into the original text.
const PUNCTUATION: Readonly<Record<string, string>> = {
  '\u3000': ' ',
  '\u00a0': ' ',
  '。': '.',
  '、': ',',
  '—': '-',
  '–': '-',
  '‐': '-',
  '‑': '-',
  '−': '-',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '〜': '~',
};

// Invisible characters that chat apps and copies from the web leave inside words, and control characters.
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const INVISIBLE = /[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The text without invisible and control characters (tabs and line breaks stay): every reader cleans text this way first. */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Any character that toHalfWidth changes: most lines have none, and are returned as they are. */
const CONVERTIBLE = new RegExp(`[\uff01-\uff5e${Object.keys(PUNCTUATION).join('')}]`);

/** Full-width to half-width, one UTF-16 unit for one: the result has the same length as the input. */
export function toHalfWidth(text: string): string {
  if (!CONVERTIBLE.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) {
      out += String.fromCharCode(code - FULL_TO_HALF_OFFSET);
    } else {
      const char = text.charAt(i);
      out += PUNCTUATION[char] ?? char;
    }
  }
  return out;
}

/** Half-width characters, invisible characters removed, runs of white space made one space, trimmed. */
export function normalize(text: string): string {
  return withoutInvisible(toHalfWidth(text)).replace(/\s+/g, ' ').trim();
}
